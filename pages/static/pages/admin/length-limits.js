// Fields with a length limit: nothing is ever cut off. Browsers silently cut pasted text to an
// input's maxlength (a 5,000-character title became 255 characters with no warning). Here the
// limit moves to data-length-limit, a counter appears as the text nears it, and past it a message
// says by how much; the server refuses an over-long value next to the field, keeping all of it.
(() => {
  const SHOW_FROM = 0.8; // show the counter from 80% of the limit

  const number = (n) => n.toLocaleString("en-US");

  const update = (field) => {
    const limit = Number(field.dataset.lengthLimit);
    const length = field.value.length;
    const counter = document.getElementById(field.dataset.lengthCounter);
    const over = length - limit;
    counter.hidden = length < limit * SHOW_FROM;
    counter.classList.toggle("length-limit--over", over > 0);
    counter.textContent =
      over > 0
        ? `${number(length)} characters: ${number(over)} more than the ${number(limit)} allowed. ` +
          "Shorten it before saving; nothing has been cut."
        : `${number(length)} of ${number(limit)} characters`;
    field.setAttribute("aria-invalid", over > 0 ? "true" : "false");
  };

  let counterCount = 0;
  const watch = (field) => {
    if (field.dataset.lengthLimit || field.type === "hidden") return;
    field.dataset.lengthLimit = field.maxLength;
    field.removeAttribute("maxlength");
    const counter = document.createElement("p");
    counterCount += 1;
    counter.id = `length-limit-${counterCount}`;
    counter.className = "length-limit";
    counter.setAttribute("role", "status");
    field.dataset.lengthCounter = counter.id;
    const described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? `${described} ${counter.id}` : counter.id);
    field.after(counter);
    field.addEventListener("input", () => update(field));
    update(field);
  };

  const scan = (root) => {
    root.querySelectorAll("input[maxlength], textarea[maxlength]").forEach(watch);
  };

  const start = () => {
    scan(document);
    // Blocks, inline forms and choosers add fields after the page has loaded.
    new MutationObserver((changes) => {
      changes.forEach((change) =>
        change.addedNodes.forEach((node) => node.querySelectorAll && scan(node)),
      );
    }).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
