// A Ban Kiểm phiếu member's device decrypts its part of the closed round's sums (issue 13): the
// key share comes from this device's storage (kept by the key ceremony) or the printed backup;
// the partial decryption with its proofs is posted, and the server checks it before keeping it.
import { partialDecrypt, useGroup, verificationKey } from "../js/ballot-crypto.js";
import { postJson } from "../js/post-json.js";
import { qrCamera } from "../js/qr-camera.js";

const TEXT = {
  stored: "Máy này giữ phần khoá của bạn cho vòng bầu này.",
  backup: "Máy này không giữ phần khoá của bạn: nhập bản sao lưu đã in.",
  working: "Đang giải mã phần của bạn trên máy này…",
  badBackup: "Bản sao lưu không đúng vòng bầu hoặc không đúng thành viên.",
  badShare:
    "Phần khoá trong bản sao lưu không đúng dạng (chỉ gồm chữ số 0–9 và chữ a–f): kiểm tra lại.",
  mistyped:
    "Phần khoá nhập vào không khớp khoá kiểm tra công khai của bạn: có ký tự gõ sai, kiểm tra lại từng ký tự với bản in.",
  storedWrong:
    "Phần khoá giữ trên máy này không khớp khoá kiểm tra công khai của bạn (khoá của lần tạo trước?): nhập bản sao lưu đã in.",
  read: "Đã đọc bản sao lưu bằng camera. Bấm “Giải mã phần của tôi và gửi”.",
  notBackup: "Mã QR này không phải bản sao lưu phần khoá (DAIHOI-KHOA …).",
};

function fromBackup(text, data) {
  const parts = text.trim().split(/\s+/);
  if (
    parts.length !== 4 ||
    parts[0] !== "DAIHOI-KHOA" ||
    parts[1] !== `vong-${data.round}` ||
    parts[2] !== `thanh-vien-${data.member}`
  ) {
    throw new Error(TEXT.badBackup);
  }
  if (!/^[0-9a-f]{1,64}$/.test(parts[3])) throw new Error(TEXT.badShare);
  return parts[3];
}

// A key share checked against the member's public verification key (g^share, from the
// published commitments) before it decrypts anything: a character typed wrong is said so.
function checked(share, data, message) {
  let matches = false;
  try {
    matches = verificationKey(share) === data.verification;
  } catch {
    // zero or beyond the group's order: no share, which matches nothing
  }
  if (!matches) throw new Error(message);
  return share;
}

// The printed backup's QR code read by this device's camera: its text goes into the field as if
// typed (nothing is sent until the member asks to decrypt). Another member's or another round's
// backup, or a code that is no backup, is said and the camera keeps looking.
function readBackupByCamera(data) {
  const input = document.getElementById("backup-input");
  const said = document.getElementById("backup-read");
  qrCamera({
    button: document.getElementById("backup-camera"),
    video: document.getElementById("backup-video"),
    onCode(value) {
      said.classList.remove("problem");
      try {
        fromBackup(value, data);
      } catch (error) {
        said.textContent = value.trim().startsWith("DAIHOI-KHOA") ? error.message : TEXT.notBackup;
        said.classList.add("problem");
        return false;
      }
      input.value = value.trim();
      said.textContent = TEXT.read;
      const state = document.getElementById("decrypt-state");
      state.textContent = ""; // a refusal of what was typed before no longer stands
      state.classList.remove("problem");
      return true;
    },
  });
}

function start() {
  const node = document.getElementById("decrypt-data");
  const action = document.getElementById("decrypt-action");
  if (!node || !action) return;
  const data = JSON.parse(node.textContent);
  useGroup(data.group);
  const state = document.getElementById("decrypt-state");
  const stored = localStorage.getItem(`daihoi.keyshare.${data.round}.${data.member}`);
  document.getElementById("decrypt-source").textContent = stored ? TEXT.stored : TEXT.backup;
  document.getElementById("backup-entry").hidden = Boolean(stored);
  if (!stored) readBackupByCamera(data);
  action.addEventListener("click", () => {
    action.disabled = true;
    state.classList.remove("problem");
    state.textContent = TEXT.working;
    setTimeout(async () => {
      try {
        const keyShare = stored
          ? checked(stored, data, TEXT.storedWrong)
          : checked(
              fromBackup(document.getElementById("backup-input").value, data),
              data,
              TEXT.mistyped,
            );
        const partial = partialDecrypt({
          member: data.member,
          keyShare,
          sums: data.sums,
          context: data.context,
        });
        const answer = await postJson(data.post_url, partial);
        state.textContent = answer.message;
        action.remove();
      } catch (error) {
        state.textContent = error.message;
        state.classList.add("problem");
        action.disabled = false;
      }
    }, 30);
  });
}

start();
