"""Domain errors of elections and every message they carry (Vietnamese, defined once)."""

from __future__ import annotations

NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền xem."

# Elections and candidates
SEATS_AT_LEAST_ONE = "Số lượng cần bầu: phải từ 1 trở lên."
TITLE_REQUIRED = "Tên cuộc bầu cử: không được để trống."
CONFERENCE_NO_ELECTIONS = (
    "Hội nghị không bầu cử: Ban Chấp hành, Chủ tịch và đại biểu được bầu tại đại hội."
)
CANDIDATE_NAME_REQUIRED = "Họ và tên: chọn một đoàn viên, một đại biểu hoặc ghi họ tên."
CANDIDATE_TWICE = "{name} đã có trong danh sách bầu cử."
CANDIDATE_OUTSIDE = "{name} không thuộc đơn vị tổ chức đại hội."
LIST_FROZEN = "Danh sách đã được đại hội thông qua: không thể thay đổi nữa."
WITHDRAW_REASON_REQUIRED = "Lý do rút: ghi lý do người này xin rút khỏi danh sách."
LIST_TOO_SHORT = "Danh sách bầu cử có {candidates} người, ít hơn số lượng cần bầu ({seats})."
LIST_REJECTED = "Đại hội chưa thông qua danh sách: {message}"
LIST_APPROVED = "Đại hội đã thông qua danh sách bầu cử. {message}"
BALLOTS_BEFORE_LIST = (
    "Đại hội chưa thông qua danh sách bầu cử của vòng này: chưa có phiếu bầu để in hay nhập."
)

# A result recorded from the minutes of a vote not held in daihoi
MINUTES_ALREADY = "Cuộc bầu cử này đã có kết quả ghi theo biên bản: không ghi lại lần nữa."
MINUTES_VOTED = (
    "Cuộc bầu cử này đã bỏ phiếu trên hệ thống (vòng {number}: “{status}”): kết quả là kết quả "
    "kiểm phiếu, không ghi theo biên bản."
)
MINUTES_RECORDED = (
    "Cuộc bầu cử này đã có kết quả ghi theo biên bản ({day}): không thể {action} nữa."
)
MINUTES_SOURCE_REQUIRED = (
    "Nguồn kết quả: ghi kết quả lấy từ đâu (biên bản kiểm phiếu số, ngày; bài báo...)."
)
MINUTES_SOURCE_TOO_LONG = "Nguồn kết quả: tối đa {most} ký tự (đang có {length})."
MINUTES_NONE_ELECTED = "Người trúng cử: chọn ít nhất một người trong danh sách."
MINUTES_TOO_MANY = "Người trúng cử: {count} người, nhiều hơn số lượng cần bầu ({seats})."
MINUTES_TOO_MANY_ALTERNATES = (
    "Đại biểu dự khuyết: {count} người, nhiều hơn số dự khuyết cần bầu ({alternates})."
)
MINUTES_NOT_ON_LIST = "{name} không có trong danh sách bầu cử này (hoặc đã rút)."
MINUTES_TWICE = "{name} được chọn hai lần: mỗi người trúng cử hoặc dự khuyết một lần."
MINUTES_BEFORE_CONGRESS = "Ngày bầu ({held}) trước ngày khai mạc đại hội ({congress})."
MINUTES_IN_FUTURE = "Ngày bầu ({held}) sau ngày hôm nay ({today})."

# Rounds
WRONG_STATUS = "Vòng bầu đang ở trạng thái “{status}”: không thể {action}."
NO_METHOD = "Chọn ít nhất một hình thức bỏ phiếu: phiếu giấy hoặc điện thoại."
ISSUED_NEGATIVE = "Số phiếu phát ra không được âm."
COLLECTED_NEGATIVE = "Số phiếu thu về không được âm."
NEEDS_DECISION = "Vòng bầu lần {number} chỉ mở được sau khi đại hội quyết định bầu tiếp."
OPENED = "Đã mở bỏ phiếu vòng {number}."
CLOSED = "Đã kết thúc bỏ phiếu vòng {number}."
COUNTED = "Đã kiểm phiếu vòng {number}: {outcome}"
ACTION_APPROVE = "thông qua danh sách"
ACTION_OPEN = "mở bỏ phiếu"
ACTION_CLOSE = "kết thúc bỏ phiếu"
ACTION_ENTER = "nhập phiếu"
ACTION_COUNT = "kiểm phiếu"
ACTION_DECIDE = "ghi quyết định bầu tiếp"
ACTION_ISSUE = "ghi số phiếu phát ra"
ACTION_COLLECT = "ghi số phiếu thu về"
ACTION_EDIT_LIST = "sửa danh sách"

# Paper entry
NOT_A_TELLER = (
    "Chỉ thành viên Ban Kiểm phiếu, đăng nhập bằng tài khoản gắn với ghế của mình trong Ban, mới "
    "được nhập, đối chiếu và kiểm phiếu (quản trị viên gắn tài khoản ở trang Cơ quan đại hội)."
)
TELLER_ENTERED_AS_OTHER = (
    "{name} đã nhập tập phiếu này bằng tài khoản “{username}”: mỗi thành viên Ban Kiểm phiếu chỉ "
    "nhập một lần; tiếp tục bằng tài khoản đó."
)
ENTRY_NUMBER_UNKNOWN = "Phiếu số {number} chưa được nhập: chỉ sửa được phiếu đã nhập."
ENTRY_SAVED = "Phiếu số {number}: {entry}."
ENTRY_CORRECTED = "Đã sửa phiếu số {number}: {entry}."
TOO_MANY_TELLERS = "Tập phiếu này đã có {most} người nhập độc lập: không nhập thêm bảng thứ tư."
NOT_ENOUGH_SHEETS = "Cần ít nhất hai người nhập độc lập cùng tập phiếu trước khi đối chiếu."
COLLECTED_NOT_RECORDED = (
    "Chưa ghi số phiếu giấy thu về: Ban kiểm phiếu đếm phiếu trong thùng và ghi số đó trước khi "
    "nhập và kiểm phiếu."
)
COLLECTED_PAPER_OVER_ISSUED = (
    "Số phiếu giấy thu về ({collected}) nhiều hơn số phiếu giấy phát ra ({issued}): đếm lại "
    "phiếu trong thùng hoặc sửa số phiếu phát ra."
)
ENTRIES_MISSING = (
    "Chưa nhập đủ phiếu giấy: thu về {collected} phiếu, cần ít nhất {least} người nhập độc lập "
    "đủ cả {collected} phiếu. {detail}"
)
ENTRIES_MISSING_NOBODY = "Chưa ai nhập phiếu."
ENTRIES_MISSING_TELLER = "{teller} đã nhập {entered}/{collected}, còn thiếu {missing} phiếu"
ENTRIES_MISSING_MORE_TELLERS = "còn thiếu {count} người nhập"
PAPER_FINAL_DIFFERS = (
    "Sau đối chiếu có {final} phiếu giấy, nhưng số phiếu thu về là {collected}: kiểm tra lại "
    "số phiếu thu về hoặc các phiếu đã thống nhất."
)
ENTRY_OVER_COLLECTED = (
    "Bạn đã nhập {entered} phiếu, nhiều hơn số phiếu giấy thu về ({collected}): kiểm tra lại "
    "tập phiếu (có thể một phiếu bị nhập hai lần)."
)
ENTRY_TOO_LONG = "Phiếu: nhập quá dài (tối đa {most} ký tự). Không có gì được ghi; gõ lại phiếu."
MISMATCHES_OPEN = "Còn {count} phiếu chưa thống nhất ({numbers}): giải quyết trước khi kiểm phiếu."
RESOLUTION_NOT_NEEDED = "Phiếu số {number} không có sai lệch để giải quyết."
RESOLVED = "Đã thống nhất phiếu số {number}: {entry}."
COLLECTED_OVER_ISSUED = (
    "Số phiếu thu về ({collected}) nhiều hơn số phiếu phát ra ({issued}): kiểm tra lại số phiếu "
    "phát ra hoặc số phiếu đã nhập."
)
NO_BALLOT = "không có phiếu ở số này"
# Raised by the database itself (migration 0002 holds a frozen copy of this text).
ENTRY_LOG_APPEND_ONLY = (
    "Nhật ký nhập phiếu chỉ được ghi thêm: không sửa, không xóa dòng đã ghi "
    "(sửa một phiếu bằng một dòng sửa mới)."
)

# Phone voting
VOTING_CODE_UNKNOWN = (
    "Mã bỏ phiếu không đúng: kiểm tra lại mã in trên phiếu mã của bạn, hoặc hỏi bàn đón tiếp."
)
NOT_A_VOTER = "Đại biểu {name} là khách mời, không tham gia biểu quyết."
NOT_CHECKED_IN = (
    "Đại biểu {name} chưa điểm danh vào hội trường: đến bàn đón tiếp trước khi bỏ phiếu."
)
VOTING_CODE_REPLACED = (
    "Mã bỏ phiếu này đã được thay bằng mã mới: dùng mã mới, hoặc hỏi bàn đón tiếp nếu bạn chưa "
    "nhận được."
)
VOTING_CODE_REQUIRED = "Nhập mã bỏ phiếu in trên phiếu mã của bạn."
VOTER_SESSION_NEEDED = (
    "Điện thoại này chưa mở phiếu bầu: quét mã bỏ phiếu của bạn hoặc nhập mã in trên phiếu mã."
)
CROSS_SITE_REFUSED = "Yêu cầu không đến từ trang bỏ phiếu: mở lại trang bỏ phiếu rồi thử lại."
REISSUE_REASON_REQUIRED = (
    "Đang bỏ phiếu trên điện thoại ({title}): cấp lại mã bỏ phiếu cần ghi lý do Đoàn Chủ tịch "
    "quyết định."
)
PHONE_NOT_OPEN = "Vòng bầu này không (hoặc không còn) nhận phiếu trên điện thoại."
ALREADY_VOTED = "Bạn đã bỏ phiếu trong vòng bầu này. Mỗi đại biểu chỉ bỏ phiếu một lần."
BALLOT_INVALID = "Phiếu chưa hợp lệ: {reason}"
KEPT_TOO_MANY = "để lại {kept} tên, nhiều hơn số cần bầu ({seats}): gạch thêm {extra} tên."
ALL_CROSSED = "không được gạch hết tên khi danh sách có nhiều người."
UNKNOWN_NAME = "có tên không có trong danh sách của vòng bầu này."
NO_NEW_SLIPS = (
    "Mọi đại biểu biểu quyết đều đã có mã bỏ phiếu. Cấp lại cho một người ở trang đại biểu đó."
)
# Raised by the database itself (migration 0005 holds a frozen copy of this text).
PHONE_BALLOTS_APPEND_ONLY = (
    "Phiếu điện thoại chỉ được ghi thêm khi vòng bầu đang mở: không sửa, không xóa phiếu đã ghi."
)
PARTICIPATIONS_APPEND_ONLY = (
    "Danh sách đại biểu đã bỏ phiếu điện thoại chỉ được ghi thêm khi vòng bầu đang mở: "
    "không sửa, không xóa."
)
VOTE_RECORDED = "Phiếu của bạn đã được ghi nhận. Mã biên nhận: {receipt}"
RECEIPT_NOT_FOUND = "Không tìm thấy mã biên nhận {receipt} trong danh sách phiếu đã công bố."
PUBLISHED_NOT_YET = "Danh sách phiếu được công bố sau khi kết thúc bỏ phiếu."

# Decisions
NOT_UNDECIDED = "Vòng bầu lần {number} đã đủ người trúng cử: không cần quyết định bầu tiếp."
ALREADY_DECIDED = "Đại hội đã quyết định sau vòng bầu lần {number}."
DECIDED_CONTINUE = "Đại hội quyết định bầu tiếp {seats} người trong số: {names}."
DECIDED_STOP = "Đại hội quyết định dừng bầu; để trống {seats} chỗ còn thiếu."
DECISION_CANDIDATES = "Chọn những người đưa vào danh sách bầu tiếp (ít nhất {seats} người)."

# Verification
VERIFY_OK = "Vòng bầu {round}: {count} phiếu khớp với mã kiểm chứng {digest}."
VERIFY_FAILED = "Vòng bầu {round}: phiếu đã lưu KHÔNG khớp với mã kiểm chứng {digest}:"
PHONE_CHANGED_SINCE_CLOSE = (
    "Không kiểm phiếu: phiếu điện thoại đã lưu không còn khớp với mã kiểm chứng lúc kết thúc "
    "bỏ phiếu {digest}. {differences} Báo ngay cho Đoàn Chủ tịch."
)
VERIFY_NO_DIGEST = "Vòng bầu {round} chưa kiểm phiếu: chưa có mã kiểm chứng."


class ElectionError(Exception):
    """A use case refused, with the Vietnamese message to show; ``field`` names a form field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class AlreadyVoted(ElectionError):
    def __init__(self) -> None:
        super().__init__(ALREADY_VOTED)


class InvalidBallot(ElectionError):
    """A phone ballot the rules would count as invalid: the voter is asked to change it."""


# --- Encrypted phone ballots (issue 13, encrypted.py) ---------------------------------------------
# Raised by the database itself (migration 0008 holds a frozen copy of this text).
BOARD_APPEND_ONLY = (
    "Bảng phiếu mã hoá chỉ được ghi thêm khi vòng bầu đang mở: không sửa, không xóa."
)
ENCRYPTED_FORMAT = "phiếu mã hoá không đúng định dạng."
ENCRYPTED_PROOF_FAILED = (
    "bằng chứng kèm phiếu mã hoá không đúng (mỗi tên phải là giữ hoặc gạch, số tên giữ lại "
    "trong giới hạn): máy chủ không ghi phiếu này."
)
ENCRYPTED_NEEDS_SCRIPT = (
    "Vòng bầu này nhận phiếu mã hoá trên điện thoại: cần bật JavaScript để điện thoại mã hoá "
    "phiếu trước khi gửi."
)
ENCRYPTED_NO_KEY = (
    "Vòng bầu mã hoá chưa có khoá công khai của Ban Kiểm phiếu: chưa mở được vòng bầu này."
)
ENCRYPTED_KEY_TOO_LATE = "Chỉ đặt khoá mã hoá khi vòng bầu chưa mở."
ENCRYPTED_KEY_BAD = (
    "Cam kết khoá của thành viên Ban Kiểm phiếu số {index} không hợp lệ: không đặt khoá."
)
ENCRYPTED_KEY_SHAPE = (
    "Khoá mã hoá cần từ {least} thành viên Ban Kiểm phiếu, mỗi người một số thứ tự khác nhau "
    "từ 1, và ngưỡng giải mã từ 1 đến số thành viên."
)
ENCRYPTED_BOARD_BROKEN = (
    "Bảng phiếu mã hoá của vòng bầu không còn khớp chuỗi băm (mã cuối lúc khóa sổ {final}): "
    "không kiểm phiếu."
)
ENCRYPTED_SUMS_CHANGED = (
    "Tổng phiếu mã hoá tính lại từ bảng phiếu không khớp với tổng lúc khóa sổ: không kiểm phiếu."
)
ENCRYPTED_BOARD_COUNT = (
    "Bảng phiếu mã hoá có {board} phiếu nhưng {voters} đại biểu đã bỏ phiếu trên điện thoại: "
    "không kiểm phiếu."
)
ENCRYPTED_DECRYPT_NOT_CLOSED = (
    "Chỉ giải mã tổng phiếu sau khi khóa sổ và trước khi kiểm phiếu vòng bầu mã hoá."
)
ENCRYPTED_NOT_A_MEMBER = (
    "Thành viên số {index} không có trong khoá của vòng bầu này: không nhận phần giải mã."
)
ENCRYPTED_NOT_KEY_HOLDER = (
    "Tài khoản của bạn không giữ phần khoá nào của vòng bầu này: chỉ thành viên Ban Kiểm phiếu "
    "đã tạo khoá mới giải mã."
)
ENCRYPTED_PARTIAL_BAD = (
    "Phần giải mã của {member} không kèm bằng chứng đúng (không khớp khoá kiểm tra của thành "
    "viên này): không ghi. Thành viên kiểm tra lại phần khoá đang dùng."
)
ENCRYPTED_PARTIAL_TWICE = (
    "Phần giải mã của {member} đã được gửi trước đó: mỗi thành viên gửi một lần."
)
ENCRYPTED_NOTHING_TO_DECRYPT = (
    "Không có phiếu mã hoá nào trên bảng phiếu: mọi tổng phiếu điện thoại bằng 0, không cần "
    "giải mã. Ban Kiểm phiếu kiểm phiếu ngay."
)
ENCRYPTED_BELOW_THRESHOLD = (
    "Vòng bầu mã hoá: cần phần giải mã của ít nhất {threshold} thành viên Ban Kiểm phiếu, mới "
    "có {received}. Chưa kiểm phiếu được."
)
ENCRYPTED_AUDIT_FORMAT = "Bản mã đã kiểm tra không đúng định dạng: không công bố."
ENCRYPTED_AUDIT_BAD = (
    "Bản mã đã kiểm tra không khớp với lựa chọn và số ngẫu nhiên kèm theo (hoặc không phải của "
    "vòng bầu này): không công bố. Đừng gửi phiếu trên điện thoại này; báo Ban Kiểm phiếu."
)
ENCRYPTED_AUDIT_CLOSED = "Chỉ công bố bản mã đã kiểm tra khi vòng bầu đang mở."
ENCRYPTED_AUDITS_FULL = (
    "Vòng bầu này đã có {limit} bản mã được kiểm tra công bố, không nhận thêm: báo Ban Kiểm phiếu."
)
AUDIT_PUBLISHED = (
    "Đã công bố bản mã đã kiểm tra trên bảng phiếu (số {n}), không kèm tên bạn: ai cũng kiểm lại "
    "được. Bản mã này không được tính."
)
ENCRYPTED_MEMBER = "thành viên số {index}"
ENCRYPTED_MEMBER_NAMED = "thành viên số {index} ({name})"
CEREMONY_TOO_LATE = "Chỉ tạo khoá mã hoá khi vòng bầu chưa mở và còn bỏ phiếu trên điện thoại."
CEREMONY_NO_COMMITTEE = "Chưa có thành viên Ban Kiểm phiếu nào: chưa tạo được khoá mã hoá."
CEREMONY_WRONG_STEP = "Bước này chưa đến hoặc đã xong: tải lại trang để xem bước hiện tại."
CEREMONY_BAD_DEVICE_KEY = "Khoá thiết bị của {member} không hợp lệ: không ghi."
CEREMONY_BAD_COMMITMENT = (
    "Cam kết khoá của {member} không kèm bằng chứng đúng hoặc thiếu phần chia cho thành viên "
    "khác: không ghi."
)
CEREMONY_BAD_VERIFICATION = (
    "Khoá kiểm tra {member} gửi không khớp với các cam kết đã công bố: không ghi. Thành viên "
    "kiểm tra lại các phần khoá nhận được."
)
CEREMONY_DONE = (
    "Đã tạo xong khoá mã hoá của vòng bầu: {members} thành viên, cần {threshold} để giải mã."
)
CEREMONY_BAD_COMPLAINT = (
    "Khiếu nại không hợp lệ: chỉ khiếu nại phần khoá của một thành viên khác, một lần, trước khi "
    "gửi khoá kiểm tra của mình."
)
CEREMONY_BAD_REVEAL = (
    "Phần khoá {member} công bố cho thành viên số {recipient} không khớp với cam kết của chính "
    "mình: không ghi. Khiếu nại vẫn chờ."
)
CEREMONY_BAD_EXCLUSION = (
    "Chỉ làm lại không có một thành viên khác mà việc tạo khoá đang chờ (vắng mặt, hoặc chưa "
    "công bố phần khoá bị khiếu nại): không đổi gì."
)
CEREMONY_TOO_FEW_LEFT = (
    "Không làm lại không có thêm thành viên nào được: còn {members} thành viên giữ khoá, cần ít "
    "nhất {k} người để giải mã."
)
PARTIAL_RECORDED = "Đã nhận phần giải mã của {member} ({received}/{threshold})."

# Open votes on the phones (biểu quyết công khai trên điện thoại)
OPEN_VOTE_ALREADY_OPEN = (
    "Đang có biểu quyết “{title}” trên điện thoại: kết thúc biểu quyết đó trước khi mở biểu "
    "quyết khác."
)
OPEN_VOTE_CLOSED = "Biểu quyết “{title}” đã kết thúc lúc {time}."
OPEN_VOTE_CHOICE_UNKNOWN = "Biểu quyết: chọn Tán thành, Không tán thành hoặc Không biểu quyết."
OPEN_VOTE_ALREADY_CAST = "Đồng chí {name} đã biểu quyết “{title}”: mỗi đại biểu biểu quyết một lần."
OPEN_VOTE_OTHER_CONGRESS = "Biểu quyết này không thuộc đại hội của đồng chí."
