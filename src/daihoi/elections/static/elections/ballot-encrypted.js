// The encrypted phone ballot (issue 13): on "send", encrypt the choice on this phone and send only
// the ciphertexts and proofs (static/js/ballot-crypto.js). The boxes have no name, so the names
// crossed never leave the phone; without this script nothing is sent and the server says why.
import { encryptBallot } from "../js/ballot-crypto.js";

function start() {
  const form = document.getElementById("ballot");
  const field = document.getElementById("encrypted-ballot");
  if (!form || !field) return;
  const state = document.getElementById("ballot-state");
  const cast = document.getElementById("cast");
  form.addEventListener("submit", (event) => {
    if (field.value) return; // already encrypted: this is the real submission
    event.preventDefault();
    cast.disabled = true;
    state.textContent = "Đang mã hoá phiếu trên điện thoại…";
    // Let the message paint before the work starts.
    setTimeout(() => {
      try {
        const boxes = form.querySelectorAll("input[type=checkbox]");
        const kept = Array.from(boxes, (box) => !box.checked);
        const ballot = encryptBallot({
          publicKey: form.dataset.publicKey,
          kept,
          minimum: Number(form.dataset.minimum),
          maximum: Number(form.dataset.maximum),
          context: JSON.parse(form.dataset.context),
        });
        field.value = JSON.stringify(ballot);
        form.submit();
      } catch (error) {
        state.textContent = error.message;
        state.classList.add("problem");
        cast.disabled = false;
      }
    }, 30);
  });
  // Ready: ballot.js may now let the delegate send (the button was off until here).
  form.dataset.ready = "1";
  form.dispatchEvent(new Event("ballot-ready"));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
