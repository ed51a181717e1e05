// `/organisations/new`: a signed-in user creates another organisation (and owns it).
import { BUILT_IN_ROLE_INFO } from "@supportdesk/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { setTenants } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../../lib/use-session";
import { Button, Field } from "../../ui";
import { SignOutLink } from "./account-parts";
import {
  AuthPage,
  asMemberships,
  type FieldErrors,
  Notice,
  SlugField,
  serverErrors,
  slugify,
  slugProblem,
  useFocusFirstError,
  useSlugCheck,
} from "./shared";

export function NewOrganisationPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const session = useSession();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { formRef, formErrorRef, bump } = useFocusFirstError();
  const slugCheck = useSlugCheck(slug);
  const create = useMutation(
    trpc.tenants.create.mutationOptions({
      onSuccess: async (tenant) => {
        const me = await queryClient
          .fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 })
          .catch(() => null);
        setTenants(
          me
            ? asMemberships(me.tenants)
            : [
                ...(session?.tenants ?? []),
                { ...tenant, role: "owner", roleName: BUILT_IN_ROLE_INFO.owner.name },
              ],
        );
        navigate(`/t/${tenant.slug}/tickets`);
      },
      onError: (error) => {
        const { fields, form } = serverErrors(error, {
          name: "Organisation name",
          slug: "Subdomain",
        });
        setErrors(fields);
        setFormError(form);
        bump();
      },
    }),
  );
  const hasTenants = (session?.tenants.length ?? 0) > 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {
      name: name.trim() ? undefined : "Enter your organisation's name.",
      slug: slugProblem(slug, slugCheck),
    };
    setErrors(found);
    setFormError(null);
    if (Object.values(found).some(Boolean)) {
      bump();
      return;
    }
    create.mutate({ name: name.trim(), slug: slug.trim().toLowerCase() });
  };

  return (
    <AuthPage
      title="Create an organisation"
      intro={
        hasTenants ? (
          "A separate support desk with its own team, tickets and customers."
        ) : (
          <p>
            You're not part of an organisation yet. Create one for your team — or, to join an
            existing one, ask one of its admins to invite <strong>{session?.user.email}</strong>.
          </p>
        )
      }
      footer={
        hasTenants ? (
          <Link to="/">Back to your organisations</Link>
        ) : (
          <>
            Signed in as {session?.user.email}. <SignOutLink />
          </>
        )
      }
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        {formError ? (
          <Notice tone="error" focusRef={formErrorRef}>
            {formError}
          </Notice>
        ) : null}
        <Field
          label="Organisation name"
          name="name"
          value={name}
          maxLength={100}
          autoComplete="organization"
          onChange={(event) => {
            setName(event.target.value);
            if (!slugEdited) setSlug(slugify(event.target.value));
          }}
          error={errors.name}
        />
        <SlugField
          name="slug"
          value={slug}
          onChange={(value) => {
            setSlug(value);
            setSlugEdited(value !== "");
          }}
          check={slugCheck}
          error={errors.slug}
        />
        <Button type="submit" busy={create.isPending} className="btn-block">
          Create organisation
        </Button>
      </form>
    </AuthPage>
  );
}
