"""A camera and a QR detector for headless Chromium, which has neither on Linux.

What runs is the page's own script (its button shown only with a QR detector, the camera started
on a tap, each code read handed over): getUserMedia gives a canvas's stream and BarcodeDetector
reads ``window.qrShown`` (None: no code in view), which a test changes to hold another code in
front of the camera. ``body[data-detections]`` counts the reads.
"""

from __future__ import annotations

import json
from typing import Any

SCRIPT = """
(() => {
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 48;
  const paint = canvas.getContext("2d");
  let frame = 0;
  setInterval(() => {
    paint.fillStyle = frame++ %% 2 ? "#000" : "#fff";
    paint.fillRect(0, 0, 64, 48);
  }, 50);
  navigator.mediaDevices.getUserMedia = async () => canvas.captureStream(20);
  window.detections = 0;
  window.qrShown = %s;
  window.BarcodeDetector = class {
    static async getSupportedFormats() { return ["qr_code"]; }
    async detect() {
      window.detections += 1;
      document.body.dataset.detections = String(window.detections);
      return window.qrShown === null ? [] : [{ rawValue: window.qrShown }];
    }
  };
})();
"""


def fake_camera(page: Any, shown: str | None = None) -> None:
    """Give the page's next loads a camera holding the QR code ``shown`` in view."""
    page.add_init_script(SCRIPT % json.dumps(shown))


def show(page: Any, text: str | None) -> None:
    """Hold another QR code (or none) in front of the page's camera."""
    page.evaluate("text => { window.qrShown = text; }", text)
