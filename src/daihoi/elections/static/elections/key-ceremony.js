// The key ceremony on a Ban Kiểm phiếu member's device (issue 13, docs/ballot-crypto.md "Keys").
// Three steps, each posted to the server (which keeps only public values): this device's key for
// receiving shares; the member's commitments with proofs and a share for each other member,
// encrypted to that member's device key; then the shares received are decrypted, checked against
// their senders' commitments and summed into this member's key share, whose g^s is posted.
// The secrets stay in this device's storage (localStorage) and, once, on screen for the backup
// (text and a QR code, both made here). A share that does not match its sender's commitments is
// complained about (public); the sender's device then publishes that share in clear, the server
// keeps it only if it matches the sender's own commitments, and this device goes on with it.
// The polynomial stays on the device until the key is made, to answer a complaint.
import {
  combineShares,
  decryptShare,
  encryptShare,
  memberGenerate,
  newKeyPair,
  shareFor,
  useGroup,
  verificationKey,
  verifyShare,
} from "../js/ballot-crypto.js";
import { postJson } from "../js/post-json.js";
import qrcode from "../vendor/qrcode-generator/qrcode-generator.js";

const TEXT = {
  key: "Bước 1: tạo khoá nhận trên máy này",
  commitment: "Bước 2: tạo phần khoá và gửi cho các thành viên",
  check: "Bước 3: kiểm tra phần khoá nhận được",
  working: "Đang tính trên máy này…",
  waiting: "Đã xong bước của bạn; đang chờ các thành viên khác. Tải lại trang sau ít phút.",
  lost: "Máy này không còn giữ bí mật của bước trước (đã xoá dữ liệu trình duyệt hoặc dùng máy khác): cần làm lại việc tạo khoá từ đầu.",
  badShare: "Phần khoá nhận từ thành viên số {index} ({name}) không khớp với cam kết của họ: không gửi. Báo ngay cho Ban Kiểm phiếu.",
  complained: "Phần khoá nhận từ thành viên số {index} ({name}) không khớp với cam kết của họ: đã gửi khiếu nại. Chờ máy của thành viên số {index} công bố phần khoá đó rồi tải lại trang.",
  pending: "Đang chờ thành viên số {index} ({name}) công bố phần khoá bạn khiếu nại. Tải lại trang sau ít phút.",
  reveal: "Công bố phần khoá đã gửi cho thành viên khiếu nại",
  stored: "Phần khoá giải mã của bạn đang được lưu trên máy này.",
  restart: "Làm lại việc tạo khoá từ đầu (mọi thành viên)",
  done: "Xong. Khoá mã hoá của vòng bầu đã được tạo.",
};

const secretsKey = (data) => `daihoi.ceremony.${data.round}.${data.member}`;
export const keyShareKey = (round, member) => `daihoi.keyshare.${round}.${member}`;

function load(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    return null;
  }
}

function post(data, body) {
  return postJson(data.post_url, body);
}

function stepKey(data) {
  const pair = newKeyPair();
  localStorage.setItem(secretsKey(data), JSON.stringify({ deviceSecret: pair.secret }));
  return post(data, { step: "key", device_key: pair.public });
}

function stepCommitment(data, saved) {
  const made = memberGenerate({
    index: data.member,
    threshold: data.threshold,
    context: data.context,
  });
  const shares = {};
  for (const other of data.members) {
    if (other.index === data.member) continue;
    shares[String(other.index)] = encryptShare({
      share: shareFor(made.coefficients, other.index),
      recipientKey: other.device_key,
      context: data.context,
      sender: data.member,
      recipient: other.index,
    });
  }
  saved.coefficients = made.coefficients;
  localStorage.setItem(secretsKey(data), JSON.stringify(saved));
  return post(data, { step: "commitment", commitment: made.commitment, shares });
}

const named = (text, member) =>
  text.replaceAll("{index}", member.index).replaceAll("{name}", member.name);

async function stepCheck(data, saved, mine) {
  const received = [shareFor(saved.coefficients, data.member)];
  for (const other of data.members) {
    if (other.index === data.member) continue;
    // the share the sender published after this device's complaint, checked by the server
    const published = mine.complaints[String(other.index)];
    const share = published
      ? BigInt("0x" + published)
      : decryptShare({
          sealed: other.sealed,
          secret: saved.deviceSecret,
          context: data.context,
          sender: other.index,
          recipient: data.member,
        });
    if (!verifyShare(share, data.member, other.commitment)) {
      if (published) throw new Error(named(TEXT.badShare, other));
      await post(data, { step: "complaint", against: other.index });
      return { message: named(TEXT.complained, other) };
    }
    received.push(share);
  }
  const keyShare = combineShares(received);
  const answer = await post(data, { step: "check", verification: verificationKey(keyShare) });
  localStorage.setItem(keyShareKey(data.round, data.member), keyShare);
  if (answer.step === "done") localStorage.removeItem(secretsKey(data)); // no complaint to answer
  return { answer, keyShare };
}

/** Publish the share sent to each member who complained about it (it matches the commitments
 * this device published, unless the device erred: the server checks). */
async function stepReveal(data, saved, owed) {
  for (const member of owed) {
    const share = shareFor(saved.coefficients, member.index).toString(16);
    await post(data, { step: "reveal", to: member.index, share });
  }
  return {};
}

function showBackup(data, keyShare) {
  const text = `DAIHOI-KHOA vong-${data.round} thanh-vien-${data.member} ${keyShare}`;
  document.getElementById("backup-text").textContent = text;
  // The same text as a QR code, drawn here (the key share never leaves this device for it), so
  // the printed backup can be read back by a camera as well as typed.
  const code = qrcode(0, "M");
  code.addData(text);
  code.make();
  document.getElementById("backup-qr").innerHTML = code.createSvgTag({ cellSize: 4, margin: 16 });
  document.getElementById("backup").hidden = false;
  document.getElementById("backup-print").addEventListener("click", () => window.print());
}

function start() {
  const node = document.getElementById("ceremony-data");
  const action = document.getElementById("ceremony-action");
  const state = document.getElementById("ceremony-state");
  if (!node || !action || !state) return;
  const data = JSON.parse(node.textContent);
  if (!data.member) return;
  useGroup(data.group);
  const mine = data.members.find((m) => m.index === data.member);
  const saved = load(secretsKey(data)) || {};
  const say = (text, problem = false) => {
    state.textContent = text;
    state.classList.toggle("problem", problem);
  };
  // Posting `body` makes everyone start again: this device's secrets are no longer needed.
  const startsAgain = (button, body) => {
    button.addEventListener("click", async () => {
      if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
      button.disabled = true;
      try {
        await post(data, body);
        localStorage.removeItem(secretsKey(data));
        window.location.reload();
      } catch (error) {
        say(error.message, true);
        button.disabled = false;
      }
    });
  };
  const offerRestart = () => {
    const again = document.getElementById("ceremony-restart");
    again.textContent = TEXT.restart;
    again.hidden = false;
    startsAgain(again, { step: "restart" });
  };
  for (const button of document.querySelectorAll("[data-exclude]")) {
    startsAgain(button, { step: "exclude", member: Number(button.dataset.exclude) });
  }
  let run = null;
  if (data.step === "done") {
    localStorage.removeItem(secretsKey(data)); // the polynomial is no longer needed
    if (localStorage.getItem(keyShareKey(data.round, data.member))) say(TEXT.stored);
    return;
  }
  const owed = data.members.filter((m) => m.complaints[String(data.member)] === null);
  const awaited = data.members.find((m) => mine.complaints[String(m.index)] === null);
  if (data.step === "key" && !mine.device_key) run = () => stepKey(data);
  else if (data.step === "commitment" && !mine.commitment) {
    run = saved.deviceSecret ? () => stepCommitment(data, saved) : null;
    if (!run) {
      offerRestart();
      return say(TEXT.lost, true);
    }
  } else if (data.step === "check" && owed.length) {
    run = saved.coefficients ? () => stepReveal(data, saved, owed) : null;
    if (!run) {
      offerRestart();
      return say(TEXT.lost, true);
    }
  } else if (data.step === "check" && awaited) {
    offerRestart();
    return say(named(TEXT.pending, awaited));
  } else if (data.step === "check" && !mine.checked) {
    run = saved.deviceSecret && saved.coefficients ? () => stepCheck(data, saved, mine) : null;
    if (!run) {
      offerRestart();
      return say(TEXT.lost, true);
    }
  }
  if (!run) return say(TEXT.waiting);
  action.textContent = owed.length ? TEXT.reveal : TEXT[data.step];
  action.hidden = false;
  action.addEventListener("click", () => {
    action.disabled = true;
    say(TEXT.working);
    setTimeout(async () => {
      try {
        const result = await run();
        if (result && result.keyShare) {
          action.remove();
          say(result.answer.message || TEXT.waiting);
          showBackup(data, result.keyShare);
        } else if (result && result.message) {
          action.remove();
          say(result.message, true);
          offerRestart();
        } else {
          window.location.reload();
        }
      } catch (error) {
        say(error.message, true);
        action.disabled = false;
        if (data.step === "check") offerRestart();
      }
    }, 30);
  });
}

start();
