"""Domain errors of congresses and every message users see (Vietnamese, defined once).

``CongressError`` is a ``UnitsError``: forms show it with ``daihoi.units.forms.add_errors`` and
the API answers it the same way, one message per field.
"""

from __future__ import annotations

from daihoi.units.errors import FieldError, UnitsError

# Congress
TERM_ORDER = "Nhiệm kỳ: năm kết thúc ({end}) phải sau năm bắt đầu ({start})."
TERM_YEARS = "Nhiệm kỳ: năm phải từ 1930 đến 2100."
DATES_ORDER = "Ngày bế mạc: không được trước ngày khai mạc."
FORM_UNKNOWN = "Hình thức: “{value}” không có trong danh mục."
PROFILE_UNKNOWN = "Quy định áp dụng: “{value}” không có trong danh mục."
PROFILE_OF_UNIT = (
    "Quy định áp dụng: đơn vị {unit} thuộc tổ chức “{expected}”, không áp dụng quy định “{value}”."
)
CONGRESS_CLOSED = "Đại hội đã bế mạc: không thay đổi được danh sách và điểm danh."
CONFERENCE_CLOSED = "Hội nghị đã bế mạc: không thay đổi được danh sách và điểm danh."
EVENT_KIND_UNKNOWN = "Loại: “{value}” không có trong danh mục (đại hội hoặc hội nghị)."
CONFERENCE_NAME_REQUIRED = "Tên hội nghị: không được để trống (ví dụ: điển hình tiên tiến)."

# Delegates
DELEGATE_NAME_REQUIRED = "Họ và tên: không được để trống."
PROTOCOL_RANK_MOST = 99
PROTOCOL_RANK_RANGE = (
    "Bậc lễ tân: nhập một số từ 1 đến 99 (1 là chức vụ cao nhất, giới thiệu trước), hoặc để trống."
)
DELEGATE_KIND_UNKNOWN = "Loại đại biểu: “{value}” không có trong danh mục."
DELEGATE_KIND_FOR_FORM = "Loại đại biểu: {form} không có đại biểu loại “{kind}”."
DELEGATE_MEMBER_OUTSIDE = (
    "Đoàn viên: {name} không thuộc {unit} hoặc các đơn vị trực thuộc; mời dự với tư cách khách mời."
)
DELEGATE_MEMBER_TWICE = "Đoàn viên: {name} đã có trong danh sách đại hội (số {number})."
DELEGATE_HAS_EVENTS = (
    "Không xóa được {name}: đã có điểm danh. Đánh dấu vắng mặt có lý do thay vì xóa."
)
DELEGATE_IN_ORGAN = "Không xóa được {name}: đang là thành viên {organ}."
SOURCED_KEY_TWICE = "Danh sách nguồn có hai lần cùng một người ({name}); không lập được danh sách."
SOURCED_IN_ELECTION = (
    "{name} không còn trong danh sách nguồn nhưng đã có tên trong bầu cử của đại hội (danh sách "
    "bầu cử hoặc lượt bỏ phiếu): không bỏ ra được."
)
SOURCED_NOT_REMOVABLE = (
    "{name} không còn trong danh sách nguồn nhưng đã có điểm danh hoặc đang là thành viên "
    "cơ quan đại hội: không bỏ ra được. Ghi vắng có lý do hoặc rút khỏi cơ quan trước."
)

# Check-in
CODE_EMPTY = "Quét mã QR trên thẻ đại biểu hoặc nhập số đại biểu."
CODE_NOT_FOUND = "Không tìm thấy đại biểu có mã “{code}” trong đại hội này."
CODE_OTHER_CONGRESS = "Thẻ này thuộc đại hội khác: {congress}."
NUMBER_NOT_FOUND = "Không có đại biểu số {number} trong đại hội này."
CHECKED_IN = "Đã điểm danh: {name} (số {number})."
ALREADY_PRESENT = "{name} đã điểm danh lúc {time}."
NOT_PRESENT = "{name} chưa điểm danh có mặt, không ghi ra về được."
ABSENT_WHILE_PRESENT = "{name} đang có mặt: ghi ra về trước khi ghi vắng."
ABSENT_REASON_REQUIRED = "Lý do vắng: không được để trống."
NOTHING_TO_UNDO = "{name} chưa có lượt điểm danh nào để hoàn tác."

# Organs
ORGAN_GUEST = "{name} là khách mời, không tham gia {organ}."
ORGAN_OTHER_CONGRESS = "{name} không phải đại biểu của đại hội này."
ORGAN_MEMBER_TWICE = "{name} đã có trong {organ}."
SEAT_NOT_COUNTING = "Chỉ thành viên Ban Kiểm phiếu mới có tài khoản nhập phiếu."
SEAT_ACCOUNT_UNKNOWN = "Tài khoản: không có tài khoản “{username}” trong đơn vị của bạn."
SEAT_ACCOUNT_INACTIVE = "Tài khoản: “{username}” đã bị khóa."
SEAT_ACCOUNT_TAKEN = "Tài khoản: “{username}” đã gắn với {name} trong {organ}."
ORGAN_NOT_PRESENT = (
    "{organ}: {names} chưa có mặt trong hội trường (chưa điểm danh, đã ra về hoặc vắng). "
    "Kiểm tra lại trước khi biểu quyết thông qua; điểm danh người đã đến."
)
COUNTING_NOT_PRESENT_TO_SIGN = (
    "Ban Kiểm phiếu: {names} chưa có mặt trong hội trường nên chưa ký được biên bản kiểm phiếu. "
    "Mời có mặt để ký (điểm danh người đã đến) trước khi công bố kết quả."
)
ORGAN_EMPTY = "{organ} chưa có thành viên nào: thêm thành viên trước khi biểu quyết."
VOTES_NEGATIVE = "Số phiếu biểu quyết không được âm."

# Hall votes on documents
HALL_VOTE_SUBJECT_UNKNOWN = "Nội dung biểu quyết: “{value}” không có trong danh mục."
HALL_VOTE_TITLE_REQUIRED = "Tên nội dung biểu quyết: không được để trống khi chọn “Nội dung khác”."
HALL_VOTE_TITLE_TOO_LONG = "Tên nội dung biểu quyết: không quá {limit} ký tự (đã nhập {length})."
HALL_VOTE_AGENDA_OTHER = (
    "Nội dung chương trình: mục đã chọn không thuộc chương trình của đại hội này; chọn lại."
)
HALL_VOTE_REASON_REQUIRED = "Lý do: ghi rõ vì sao {action} kết quả biểu quyết “{title}”."
HALL_VOTE_REASON_TOO_LONG = "Lý do: không quá {limit} ký tự (đã nhập {length})."
HALL_VOTE_NOT_CURRENT = (
    "Kết quả biểu quyết “{title}” lúc {time} đã {state}: chỉ sửa hoặc hủy được lần ghi hiện hành."
)
HALL_VOTE_STATE_REPLACED = "được sửa"
HALL_VOTE_STATE_CANCELLED = "bị hủy"

# Quorum
QUORUM_NOT_REACHED = "{message} Cần Đoàn Chủ tịch quyết định (ghi lý do) mới được tiến hành."
OVERRIDE_REASON_REQUIRED = "Lý do: ghi rõ lý do Đoàn Chủ tịch quyết định tiến hành."

# Agenda
AGENDA_TITLE_REQUIRED = "Nội dung: không được để trống."
AGENDA_ITEM_OTHER_CONGRESS = "Nội dung này không thuộc đại hội đang mở."

# Documents
DOCUMENT_TITLE_REQUIRED = "Tên tài liệu: không được để trống."
DOCUMENT_FILE_REQUIRED = "Tệp: chọn tệp tài liệu."
DOCUMENT_TYPE = "Tệp: chỉ nhận tệp {types} (đã chọn “{name}”)."
DOCUMENT_TOO_LARGE = "Tệp: lớn hơn {limit} MB, hãy nén hoặc tách nhỏ tệp."

# Speakers' list
SPEECH_KIND_UNKNOWN = (
    "Loại: “{value}” không có trong danh mục (phát biểu chỉ đạo, tham luận, phát biểu)."
)
SPEAKER_REQUIRED = "Người phát biểu: ghi họ và tên."
SPEECH_TOO_LONG = "{label}: không quá {limit} ký tự (đã nhập {length})."
SPEECH_CALLED = "{speaker} đã được mời phát biểu lúc {time}."
SPEECH_CALLED_KEPT = (
    "{speaker} đã phát biểu lúc {time}: phần phát biểu đã vào biên bản, không xóa được."
)


class CongressError(UnitsError):
    """Rules of congresses were broken; ``errors`` lists every problem, by field."""


class QuorumNotReached(CongressError):
    """The congress may not proceed: fewer than the quorum are present (rules.md §1.2)."""

    def __init__(self, result: object, message: str) -> None:
        super().__init__(FieldError(None, message))
        self.result = result


__all__ = ["CongressError", "FieldError", "QuorumNotReached"]

# The delegate list from Excel (delegate_sheet, delegate_import).
LIST_MEMBER_DIFFERS = (
    "Trong tệp ghi “{given}”, hồ sơ đoàn viên {name} ghi “{saved}”: danh sách đại hội dùng theo "
    "hồ sơ đoàn viên."
)
LIST_MEMBER_ALREADY = "{name} đã có trong danh sách đại hội (số {number})."
LIST_PERSON_ALREADY = "Danh sách đại hội đã có {name} sinh ngày {date} (số {number})."
LIST_NAME_ALREADY = (
    "Danh sách đại hội đã có người tên {name} (số {number}): kiểm tra có phải hai người khác "
    "nhau không."
)
LIST_CHANGED_PERSON_LISTED = "{name} (dòng {row}) vừa được thêm vào danh sách đại hội."
LIST_IMPORTED = "Đã nhập {count} người vào danh sách đại hội, số {first} đến {last}."


# The messages above that name the congress, as a conference (hội nghị) says them.
CONFERENCE_WORDING = {
    LIST_MEMBER_DIFFERS: (
        "Trong tệp ghi “{given}”, hồ sơ đoàn viên {name} ghi “{saved}”: danh sách hội nghị dùng "
        "theo hồ sơ đoàn viên."
    ),
    LIST_MEMBER_ALREADY: "{name} đã có trong danh sách hội nghị (số {number}).",
    LIST_PERSON_ALREADY: "Danh sách hội nghị đã có {name} sinh ngày {date} (số {number}).",
    LIST_NAME_ALREADY: (
        "Danh sách hội nghị đã có người tên {name} (số {number}): kiểm tra có phải hai người "
        "khác nhau không."
    ),
    LIST_CHANGED_PERSON_LISTED: "{name} (dòng {row}) vừa được thêm vào danh sách hội nghị.",
    LIST_IMPORTED: "Đã nhập {count} người vào danh sách hội nghị, số {first} đến {last}.",
    DELEGATE_MEMBER_TWICE: "Đoàn viên: {name} đã có trong danh sách hội nghị (số {number}).",
    CODE_NOT_FOUND: "Không tìm thấy đại biểu có mã “{code}” trong hội nghị này.",
    CODE_OTHER_CONGRESS: "Thẻ này không thuộc hội nghị này mà thuộc: {congress}.",
    NUMBER_NOT_FOUND: "Không có đại biểu số {number} trong hội nghị này.",
    ORGAN_OTHER_CONGRESS: "{name} không phải đại biểu của hội nghị này.",
}


def worded(message: str, *, conference: bool) -> str:
    """Return the message as a conference says it (“hội nghị”), or as it is for a congress."""
    return CONFERENCE_WORDING.get(message, message) if conference else message
