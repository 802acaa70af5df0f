"""The phone's encryption of a ballot (issue 13), in headless Chromium with CPU throttling.

Run: .venv/bin/python bench/bench_ballot_crypto_browser.py [--runs 5] [--throttle 4]

Loads static/js/ballot-crypto.js (@noble/curves, vendored) in /usr/bin/chromium, slows the CPU
down ``--throttle`` times (CDP Emulation.setCPUThrottlingRate, the phone stand-in the issue
asks for), and times ``encryptBallot`` (one ciphertext and one 0/1 proof per name, the range
proof) for 9 names (7 seats) and 185 names (161 seats), measured inside the page with
performance.now(); the first call (module load, JIT warm-up) is timed apart. Every ballot made is
then verified by the server's Python code (PyNaCl). Results go to docs/benchmarks.md,
"Phiếu mã hoá".
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.test_ballot_crypto_js import serve_static  # noqa: E402

from daihoi.elections.crypto_group import group_named  # noqa: E402
from daihoi.rules import ballot_crypto as bc  # noqa: E402

CONTEXT = ["bench", 1]
SHAPES = [(9, 7), (185, 161)]
#: --protocol: the group and ballot protocol of a round keyed now (3) or before (2)
KEYINGS = {"3": ("ristretto255", bc.PROTOCOL_3), "2": ("ed25519", bc.PROTOCOL)}

TIME_ONE = """async ([arg, group]) => {
  const m = await import('/static/js/ballot-crypto.js');
  m.useGroup(group);
  const start = performance.now();
  const ballot = m.encryptBallot(arg);
  return [performance.now() - start, ballot];
}"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--throttle", type=float, default=4)
    parser.add_argument("--protocol", choices=sorted(KEYINGS), default="3")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rng = random.Random(13)
    group_name, protocol = KEYINGS[args.protocol]
    group = group_named(group_name)
    _, commitment = bc.member_generate(group, index=1, threshold=1, context=CONTEXT)
    K = bc.joint_public_key(group, commitments=[commitment])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(300_000)
        serve_static(page)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.throttle})
        print(
            f"Chromium {browser.version}, CPU throttled {args.throttle:g}x, {group_name}, "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        for names, seats in SHAPES:
            times: list[float] = []
            first = 0.0
            for run in range(args.runs + 1):
                kept = [True] * (seats - 2) + [False] * (names - seats + 2)
                rng.shuffle(kept)
                arg = {
                    "publicKey": K.hex(),
                    "kept": kept,
                    "minimum": 1,
                    "maximum": seats,
                    "context": CONTEXT,
                    "protocol": protocol,
                }
                ms, data = page.evaluate(TIME_ONE, [arg, group_name])
                ballot = bc.ballot_from_json(data)
                assert bc.verify_ballot(
                    group,
                    public_key=K,
                    ballot=ballot,
                    names=names,
                    minimum=1,
                    maximum=seats,
                    context=CONTEXT,
                    protocol=protocol,
                )
                if run == 0:
                    first = ms
                else:
                    times.append(ms)
            median = statistics.median(times)
            print(
                f"{names} names, kept 1..{seats}: encrypt+prove median {median:.0f}"
                f" ms (min {min(times):.0f}, max {max(times):.0f}, {args.runs} runs; first call "
                f"{first:.0f} ms); every ballot verified by the server's code"
            )
        browser.close()


if __name__ == "__main__":
    main()
