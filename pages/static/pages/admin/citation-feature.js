// "Cite" button of the rich text editor: inserts a marker pointing at one of the page's citations.
// The page numbers markers by first appearance when it renders; the editor shows them as [cite].
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
      found.push({ id: input.value, label: label || "Citation without a title yet" });
    });
    return found;
  };

  const labelFor = (id) => {
    const match = citationsInForm().find((c) => c.id === id);
    return match ? match.label : "This citation was deleted: the marker will not show.";
  };

  class CitationSource extends React.Component {
    componentDidMount() {
      const { editorState, entityType, onComplete, onClose } = this.props;
      const citations = citationsInForm();
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
        const label = document.createElement("label");
        label.htmlFor = "citation-picker-select";
        label.textContent = "Source";
        const select = document.createElement("select");
        select.id = "citation-picker-select";
        citations.forEach((c) => select.add(new Option(c.label, c.id)));
        dialog.append(
          label,
          select,
          button("Insert citation", "button", () => finish(select.value)),
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

  const CitationDecorator = ({ entityKey, contentState, children }) => {
    const { citation } = contentState.getEntity(entityKey).getData();
    return h("sup", { className: "citation-marker", title: labelFor(citation) }, children);
  };

  draftail.registerPlugin(
    { type: "CITATION", source: CitationSource, decorator: CitationDecorator },
    "entityTypes",
  );
})();
