// The encrypted phone ballot (issue 13): on "send", encrypt the choice on this phone; the page
// then shows the encryption's fingerprint and the voter either casts it (only the ciphertexts
// and proofs are sent) or audits it (Benaloh's cast-or-audit, docs/ballot-crypto.md): the page
// reveals the nonces so that anyone can check the ciphertexts hold the choice shown, and the
// audited encryption is thrown away; the next "send" encrypts afresh. The phone commits to the
// encryption before it knows which the voter will choose, so a phone that cheats is caught on
// the audits. The boxes have no name, so the names crossed never leave the phone; without this
// script nothing is sent and the server says why.
import {
  auditMatches,
  ballotFingerprint,
  encryptBallotForAudit,
  useGroup,
} from "../js/ballot-crypto.js";
import { postJson } from "../js/post-json.js";

function start() {
  const form = document.getElementById("ballot");
  const field = document.getElementById("encrypted-ballot");
  if (!form || !field) return;
  useGroup(form.dataset.group);
  const state = document.getElementById("ballot-state");
  const cast = document.getElementById("cast");
  const choice = document.getElementById("audit-choice");
  const result = document.getElementById("audit-result");
  const boxes = Array.from(form.querySelectorAll("input[type=checkbox]"));
  let pending = null; // the encryption shown, before the voter casts or audits it
  let lastAudit = null; // the audited encryption, which the voter may publish
  const publish = document.getElementById("audit-publish");
  const published = document.getElementById("audit-published");

  function settle(disabled) {
    boxes.forEach((box) => {
      box.disabled = disabled;
    });
  }

  form.addEventListener("submit", (event) => {
    if (field.value) return; // cast: this is the real submission
    event.preventDefault();
    cast.disabled = true;
    state.textContent = "Đang mã hoá phiếu trên điện thoại…";
    // Let the message paint before the work starts.
    setTimeout(() => {
      try {
        const kept = boxes.map((box) => !box.checked);
        const made = encryptBallotForAudit({
          publicKey: form.dataset.publicKey,
          kept,
          minimum: Number(form.dataset.minimum),
          maximum: Number(form.dataset.maximum),
          context: JSON.parse(form.dataset.context),
          protocol: form.dataset.protocol,
        });
        pending = { ...made, kept };
        settle(true); // the choice encrypted is the one on the screen
        document.getElementById("fingerprint").textContent = ballotFingerprint(made.ballot);
        result.hidden = true;
        cast.hidden = true;
        choice.hidden = false;
        state.textContent = "";
        document.getElementById("confirm-cast").focus();
      } catch (error) {
        state.textContent = error.message;
        state.classList.add("problem");
        cast.disabled = false;
      }
    }, 30);
  });

  document.getElementById("confirm-cast").addEventListener("click", () => {
    if (!pending) return;
    field.value = JSON.stringify(pending.ballot);
    document.getElementById("encrypted-commitments").value = pending.commitments;
    document.getElementById("confirm-cast").disabled = true;
    document.getElementById("audit").disabled = true;
    form.submit();
  });

  document.getElementById("audit").addEventListener("click", () => {
    if (!pending) return;
    const audited = pending;
    pending = null; // never cast: the next send encrypts again
    const names = boxes.map((box) => box.closest("label").textContent.trim());
    const ok = auditMatches({
      publicKey: form.dataset.publicKey,
      ballot: audited.ballot,
      nonces: audited.nonces,
      kept: audited.kept,
    });
    document.getElementById("audit-verdict").textContent = ok
      ? result.dataset.ok
      : result.dataset.bad;
    const list = document.getElementById("audit-names");
    list.replaceChildren(
      ...names.map((name, i) => {
        const item = document.createElement("li");
        const word = audited.kept[i] ? result.dataset.kept : result.dataset.crossed;
        item.textContent = `${name}: ${word}`;
        return item;
      }),
    );
    document.getElementById("audit-data").textContent = JSON.stringify(
      {
        group: form.dataset.group,
        public_key: form.dataset.publicKey,
        context: JSON.parse(form.dataset.context),
        fingerprint: ballotFingerprint(audited.ballot),
        choices: names.map((name, i) => ({
          name,
          kept: audited.kept[i],
          nonce: audited.nonces[i],
          ciphertext: audited.ballot.ciphertexts[i],
        })),
      },
      null,
      1,
    );
    lastAudit = {
      ciphertexts: audited.ballot.ciphertexts,
      kept: audited.kept,
      nonces: audited.nonces,
    };
    publish.disabled = false;
    published.textContent = "";
    choice.hidden = true;
    result.hidden = false;
    cast.hidden = false;
    settle(false);
    form.dispatchEvent(new Event("ballot-ready")); // ballot.js turns the send button on again
    result.scrollIntoView();
  });

  // Publishing an audit is the voter's choice: the ciphertexts, the choice shown and the
  // nonces go to the round's board of audits, without the voter's name (never counted).
  publish.addEventListener("click", async () => {
    if (!lastAudit) return;
    publish.disabled = true;
    try {
      // Same origin (the voter pages refuse a cross-site POST instead of a CSRF token).
      const answer = await postJson(form.dataset.auditUrl, lastAudit);
      published.textContent = answer.message;
    } catch (error) {
      published.textContent = error.message;
      publish.disabled = false;
    }
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
