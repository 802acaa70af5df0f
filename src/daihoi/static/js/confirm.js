// A form with data-confirm asks before it is sent: an action that cannot be undone (closing a
// vote). Without scripts the form is sent as it is.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset?.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
