// "Cite" button of the rich text editor: inserts a marker pointing at one of the page's citations.
// The page numbers citations by their first marker in the body; the editor shows each marker with
// that same number ([1], [2] ...), and each citation in the Citations panel says which number it
// gets (or that the text does not cite it yet).
(() => {
  const { React, DraftJS, draftail } = window;
  if (!React || !DraftJS || !draftail) return;
  const h = React.createElement;

  const newId = () =>
    window.crypto && window.crypto.randomUUID
      ? window.crypto.randomUUID()
      : "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
          (c ^ (window.crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16),
        );

  // The citations currently in the form (saved or not), each given a marker ID if it has none.
  const citationsInForm = () => {
    const seen = new Set();
    const found = [];
    document.querySelectorAll("input[data-citation-uuid]").forEach((input) => {
      if (input.name.includes("__prefix__")) return;
      const prefix = input.name.slice(0, -"-uuid".length);
      const field = (name) => document.querySelector(`[name="${prefix}-${name}"]`);
      const deleted = field("DELETE");
      if (deleted && deleted.value === "1") return;
      if (!input.value || seen.has(input.value)) input.value = newId();
      seen.add(input.value);
      const label = [field("source"), field("title")]
        .map((el) => (el && el.value.trim()) || "")
        .filter(Boolean)
        .join(". ");
      found.push({ id: input.value, input, label: label || "Citation without a title yet" });
    });
    return found;
  };

  // Numbers as the page will give them: by each citation's first marker, in the order of the body.
  const pageNumbers = () => {
    const known = new Set(citationsInForm().map((c) => c.id));
    const numbers = new Map();
    document.querySelectorAll(".citation-marker[data-citation-id]").forEach((marker) => {
      const id = marker.dataset.citationId;
      if (known.has(id) && !numbers.has(id)) numbers.set(id, numbers.size + 1);
    });
    return numbers;
  };

  const labelFor = (id) => {
    const match = citationsInForm().find((c) => c.id === id);
    return match ? match.label : "This citation was deleted: the marker will not show.";
  };

  // Write the numbers onto the markers and the Citations panel. Cheap, so it simply runs again
  // whenever the form changes (typing, adding, deleting or moving a block or a citation).
  const renumber = () => {
    const numbers = pageNumbers();
    document.querySelectorAll(".citation-marker[data-citation-id]").forEach((marker) => {
      const number = numbers.get(marker.dataset.citationId);
      const shown = number ? String(number) : "deleted";
      if (marker.dataset.number !== shown) marker.dataset.number = shown;
      const title = number ? `[${number}] ${labelFor(marker.dataset.citationId)}` : labelFor("");
      if (marker.title !== title) marker.title = title;
    });
    citationsInForm().forEach(({ id, input }) => {
      const child = input.closest("[data-inline-panel-child]");
      const heading = child && child.querySelector("[data-inline-panel-child-count]");
      if (!heading) return;
      let note = child.querySelector(".citation-page-number");
      if (!note) {
        note = document.createElement("span");
        note.className = "citation-page-number";
        heading.after(note);
      }
      const number = numbers.get(id);
      const text = number ? ` — shown as [${number}] on the page` : " — not cited in the text yet";
      if (note.textContent !== text) note.textContent = text;
    });
  };
  let scheduled = false;
  const scheduleRenumber = () => {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(() => {
      scheduled = false;
      renumber();
    });
  };
  new MutationObserver(scheduleRenumber).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  document.addEventListener("input", scheduleRenumber);

  class CitationSource extends React.Component {
    componentDidMount() {
      const { editorState, entityType, onComplete, onClose } = this.props;
      const citations = citationsInForm();
      const numbers = pageNumbers();
      const dialog = document.createElement("dialog");
      dialog.className = "citation-picker";
      dialog.setAttribute("aria-labelledby", "citation-picker-title");
      const title = document.createElement("h2");
      title.id = "citation-picker-title";
      title.textContent = "Cite a source";
      dialog.append(title);
      let finished = false;
      const finish = (citationId) => {
        if (finished) return;
        finished = true;
        dialog.close();
        if (!citationId) {
          onClose();
          return;
        }
        const content = editorState.getCurrentContent();
        const withEntity = content.createEntity(entityType.type, "IMMUTABLE", {
          citation: citationId,
        });
        const entityKey = withEntity.getLastCreatedEntityKey();
        // The marker goes after the selected words (the claim being cited); nothing is replaced.
        const selection = editorState.getSelection();
        const atEnd = selection.merge({
          anchorKey: selection.getEndKey(),
          anchorOffset: selection.getEndOffset(),
          focusKey: selection.getEndKey(),
          focusOffset: selection.getEndOffset(),
          isBackward: false,
        });
        const inserted = DraftJS.Modifier.insertText(withEntity, atEnd, "[cite]", null, entityKey);
        onComplete(DraftJS.EditorState.push(editorState, inserted, "insert-characters"));
      };
      const button = (text, className, onClick) => {
        const el = document.createElement("button");
        el.type = "button";
        el.className = className;
        el.textContent = text;
        el.addEventListener("click", onClick);
        return el;
      };
      if (citations.length === 0) {
        const p = document.createElement("p");
        p.textContent =
          "This page has no citations yet. Add one in the Citations section below the body, then cite it here.";
        dialog.append(p, button("Close", "button", () => finish(null)));
      } else {
        // Radio buttons, not a drop-down: a long source name wraps instead of being cut off.
        const fieldset = document.createElement("fieldset");
        const legend = document.createElement("legend");
        legend.textContent = "Which source supports these words?";
        fieldset.append(legend);
        citations.forEach((c, index) => {
          const option = document.createElement("label");
          option.className = "citation-picker__option";
          const radio = document.createElement("input");
          radio.type = "radio";
          radio.name = "citation-picker-source";
          radio.value = c.id;
          radio.checked = index === 0;
          const number = numbers.get(c.id);
          const text = document.createElement("span");
          text.textContent = number ? `[${number}] ${c.label}` : c.label;
          option.append(radio, text);
          fieldset.append(option);
        });
        const chosen = () => fieldset.querySelector("input:checked")?.value || null;
        dialog.append(
          fieldset,
          button("Insert citation", "button", () => finish(chosen())),
          button("Cancel", "button button-secondary", () => finish(null)),
        );
      }
      dialog.addEventListener("close", () => finish(null));
      document.body.append(dialog);
      this.dialog = dialog;
      dialog.showModal();
    }

    componentWillUnmount() {
      if (this.dialog) this.dialog.remove();
    }

    render() {
      return null;
    }
  }

  // The stored text of a marker is "[cite]"; the stylesheet shows data-number instead.
  const CitationDecorator = ({ entityKey, contentState, children }) => {
    const { citation } = contentState.getEntity(entityKey).getData();
    return h("sup", { className: "citation-marker", "data-citation-id": citation }, children);
  };

  draftail.registerPlugin(
    { type: "CITATION", source: CitationSource, decorator: CitationDecorator },
    "entityTypes",
  );
})();
