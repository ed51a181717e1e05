// The contact form's article suggestions (deflection): while the customer types a subject, the
// help centre's published articles matching it are listed under the field. The form works the same
// without this script. Served as a file of our own (script-src 'self'); no inline code.
(() => {
  const form = document.querySelector("form.contact-form");
  const subject = document.getElementById("subject");
  const box = document.getElementById("suggestions");
  if (!form || !subject || !box) return;
  const url = form.getAttribute("data-suggest");
  const suggested = form.querySelector('input[name="suggested"]');
  let timer = 0;
  let asked = "";
  let shown = suggested && suggested.value === "1";

  function render(articles) {
    box.replaceChildren();
    if (articles.length === 0) {
      box.hidden = true;
      return;
    }
    const heading = document.createElement("h2");
    heading.textContent = "These articles might answer your question";
    const list = document.createElement("ul");
    for (const article of articles) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = article.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = article.title;
      item.append(link);
      if (article.excerpt) {
        const excerpt = document.createElement("p");
        excerpt.className = "muted";
        excerpt.textContent = article.excerpt;
        item.append(excerpt);
      }
      list.append(item);
    }
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = "They open in a new tab, so what you typed here stays.";
    box.append(heading, list, note);
    box.hidden = false;
  }

  async function suggest() {
    const q = subject.value.trim();
    if (q.length < 3) {
      asked = q;
      render([]);
      return;
    }
    if (q === asked) return;
    asked = q;
    try {
      const params = new URLSearchParams({ q });
      if (!shown) params.set("first", "1");
      const response = await fetch(`${url}?${params}`, { headers: { accept: "application/json" } });
      if (!response.ok || q !== asked) return;
      const { articles } = await response.json();
      if (!Array.isArray(articles)) return;
      render(articles);
      if (articles.length > 0 && !shown) {
        shown = true;
        if (suggested) suggested.value = "1";
      }
    } catch {
      // Suggestions are a help, never a hurdle: on any failure the form goes on without them.
    }
  }

  subject.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 250);
  });
})();
