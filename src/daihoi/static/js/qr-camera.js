// Reading QR codes with the device's camera, where the browser has a QR detector (the
// BarcodeDetector API: Chrome on Android, Edge...). Progressive enhancement: without one the
// button stays hidden and the page works as before (a USB scanner, a typed or pasted text).
// Used by the check-in desk (a delegate's card) and the decryption page (a key share's
// printed backup, read on the device and never sent).

const EVERY_MS = 250;

// Show `button` where QR codes can be read; a tap starts the camera into `video`, another stops
// it. Every code read is given to onCode(text), which returns true once the page has what it
// wanted (the camera then stops). The button's text while the camera runs is data-stop's.
export function qrCamera({ button, video, onCode }) {
  if (!button || !video || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  let detector = null;
  let stream = null;
  const startText = button.textContent;

  function stop() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    button.textContent = startText;
  }

  function scan() {
    if (!stream) return;
    detector
      .detect(video)
      .then((codes) => {
        if (codes.length && onCode(codes[0].rawValue)) stop();
      })
      .catch(() => {})
      .finally(() => window.setTimeout(scan, EVERY_MS));
  }

  function start() {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then((media) => {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        button.textContent = button.dataset.stop;
        return video.play();
      })
      .then(scan)
      .catch(() => stop());
  }

  window.BarcodeDetector.getSupportedFormats()
    .then((formats) => {
      if (!formats.includes("qr_code")) return;
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      button.hidden = false;
      button.addEventListener("click", () => (stream ? stop() : start()));
    })
    .catch(() => {});
}
