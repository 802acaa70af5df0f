// Posting JSON from a page's script (the key ceremony, the decryption, a voter's published
// audit) and reading the answer: the server's own message when it answers JSON (a refusal,
// a session ended: accounts.middleware.SessionEndedMiddleware, the voter pages' refusals), a
// Vietnamese one when it cannot (the network down, a page too old, a server error), never the
// browser's "Unexpected token '<'" of a page read as JSON.
const TEXT = {
  offline: "Không gửi được: máy này không kết nối được với máy chủ. Kiểm tra mạng rồi bấm lại.",
  stale: "Máy chủ từ chối yêu cầu (trang đã mở quá lâu hoặc phiên đã đổi): tải lại trang rồi làm lại.",
  server: "Máy chủ gặp lỗi (mã {status}). Thử lại sau ít phút; nếu vẫn lỗi, báo cán bộ phụ trách.",
  other: "Máy chủ trả lời không như mong đợi (mã {status}): tải lại trang rồi làm lại.",
};

// The CSRF token: the cookie's, which a login in another tab renews (the page's field then
// holds the old one), else the page's field; the voter pages have neither and need none.
function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (match) return decodeURIComponent(match[1]);
  const field = document.querySelector("input[name=csrfmiddlewaretoken]");
  return field ? field.value : "";
}

// What went wrong when the answer is not JSON, by its status.
function problem(response) {
  if (response.status === 403) return TEXT.stale;
  const text = response.status >= 500 ? TEXT.server : TEXT.other;
  return text.replace("{status}", response.status);
}

// The page's notice (templates/_session_ended.html) with its login link, shown while the
// session has ended, saying that what was just asked was not recorded (its sentences about a
// live page's updates are not for this page); hidden again once an answer comes through.
function sayIfSessionEnded(ended) {
  const notice = document.getElementById("session-ended");
  if (!notice) return;
  for (const live of notice.querySelectorAll("[data-live]")) live.hidden = true;
  document.getElementById("session-ended-pending").hidden = !ended;
  notice.hidden = !ended;
}

// POST body as JSON to url; the answer's JSON when it says ok, else an Error with the message
// to show. A session that ended also shows the page's notice with its login link.
export async function postJson(url, body) {
  const headers = { "Content-Type": "application/json" };
  const token = csrfToken();
  if (token) headers["X-CSRFToken"] = token;
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new Error(TEXT.offline);
  }
  if (!(response.headers.get("Content-Type") || "").startsWith("application/json")) {
    throw new Error(problem(response));
  }
  const answer = await response.json();
  sayIfSessionEnded(answer.session_ended === true);
  if (!answer.ok) throw new Error(answer.message);
  return answer;
}
