import { describe, expect, test } from "bun:test";
import { renderToStaticMarkup } from "react-dom/server";
import { Badge, Button, EmptyState, ErrorState, Field, Spinner } from "./index";

const html = renderToStaticMarkup;

describe("Button", () => {
  test("a primary button by default", () => {
    expect(html(<Button>Save</Button>)).toBe('<button class="btn btn-primary">Save</button>');
  });

  test("the caller's classes are added to the variant's, not instead of them", () => {
    expect(
      html(
        <Button variant="danger" className="btn-block wide" type="submit">
          Delete
        </Button>,
      ),
    ).toBe('<button type="submit" class="btn btn-danger btn-block wide">Delete</button>');
  });

  test("busy: disabled, announced and spinning", () => {
    const busy = html(<Button busy>Save</Button>);
    expect(busy).toBe(
      '<button class="btn btn-primary" aria-busy="true" disabled=""><span class="spinner" aria-hidden="true"></span>Save</button>',
    );
    // busy wins over an explicit disabled={false}
    expect(
      html(
        <Button busy disabled={false}>
          Save
        </Button>,
      ),
    ).toContain('disabled=""');
  });

  test("disabled passes through; not busy means no aria-busy", () => {
    const disabled = html(<Button disabled>Save</Button>);
    expect(disabled).toContain('disabled=""');
    expect(disabled).not.toContain("aria-busy");
    expect(disabled).not.toContain("spinner");
  });
});

describe("Field", () => {
  test("the label names the input", () => {
    const out = html(<Field label="Email" name="email" type="email" />);
    const id = /<label for="([^"]+)">Email<\/label>/.exec(out)?.[1];
    expect(id).toBeTruthy();
    expect(out).toContain(`<input id="${id}" type="email" name="email"/>`);
  });

  test("hint and error are described-by and the input is marked invalid", () => {
    const out = html(<Field label="Password" hint="8 or more characters" error="Too short." />);
    const id = /<label for="([^"]+)">/.exec(out)?.[1];
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain(`aria-describedby="${id}-hint ${id}-error"`);
    expect(out).toContain(`<div class="hint" id="${id}-hint">8 or more characters</div>`);
    expect(out).toContain(`<div class="error" id="${id}-error" role="alert">Too short.</div>`);
  });

  test("no error: not invalid, nothing to describe", () => {
    const out = html(<Field label="Name" error={null} />);
    expect(out).not.toContain("aria-invalid");
    expect(out).not.toContain("aria-describedby");
    expect(out).not.toContain('role="alert"');
  });
});

describe("states", () => {
  test("EmptyState: a title, and the body only when given", () => {
    expect(html(<EmptyState title="No tickets yet" />)).toBe(
      '<div class="state empty"><strong>No tickets yet</strong></div>',
    );
    expect(
      html(
        <EmptyState title="Nothing here">
          <p>Try again later.</p>
        </EmptyState>,
      ),
    ).toBe(
      '<div class="state empty"><strong>Nothing here</strong><div><p>Try again later.</p></div></div>',
    );
  });

  test("ErrorState: an alert, with a retry button only when it can retry", () => {
    const withoutRetry = html(<ErrorState message="Can't load." />);
    expect(withoutRetry).toBe(
      '<div class="state error-state" role="alert"><span>Can&#x27;t load.</span></div>',
    );
    const withRetry = html(<ErrorState message="Can't load." onRetry={() => {}} />);
    expect(withRetry).toContain('<button class="btn btn-secondary">Try again</button>');
  });

  test("Spinner is a status with its label", () => {
    expect(html(<Spinner label="Signing you in" />)).toBe(
      '<div class="state" role="status"><span class="spinner" aria-hidden="true"></span> Signing you in…</div>',
    );
  });

  test("Badge carries its tone", () => {
    expect(html(<Badge tone="urgent">Urgent</Badge>)).toBe(
      '<span class="badge badge-urgent">Urgent</span>',
    );
    expect(html(<Badge>Plain</Badge>)).toBe('<span class="badge badge-neutral">Plain</span>');
  });
});
