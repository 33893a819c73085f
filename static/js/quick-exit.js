// Quick exit: leave for the neutral site and replace this page in the history, so the back
// button does not return here. Without JavaScript the button is an ordinary link.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-quick-exit]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  document.body.hidden = true;
  window.location.replace(link.href);
});
