"""Domain errors of the congress season and every message users see (Vietnamese, defined once).

``SeasonError`` is a ``UnitsError``: one message per field, each starting with the field's label.
A row of the plan names its unit first.
"""

from __future__ import annotations

from daihoi.units.errors import FieldError, UnitsError

NAME_REQUIRED = "Tên kế hoạch: không được để trống."
TERM_ORDER = "Nhiệm kỳ: năm kết thúc ({end}) phải sau năm bắt đầu ({start})."
TERM_TOO_LONG = "Nhiệm kỳ: {start} - {end} dài {years} năm, quá 5 năm (rules.md §7.2)."
TERM_YEAR = "Nhiệm kỳ: năm {year} không hợp lệ (từ 1950 đến 2100)."
KINDS_REQUIRED = "Đơn vị phải tổ chức đại hội: chọn ít nhất một loại đơn vị và hạn hoàn thành."
KIND_UNKNOWN = "Loại đơn vị: “{value}” không có trong danh mục."
KIND_NOT_BELOW = "Loại đơn vị: “{kind}” không thể trực thuộc “{unit}”."
KIND_NONE_BELOW = "Loại đơn vị: “{unit}” không có đơn vị “{kind}” nào trực thuộc."
DEADLINE_REQUIRED = "Hạn hoàn thành: nhập hạn cho “{kind}”."

ROW = "{unit} – {message}"
UNIT_NOT_IN_PLAN = "Đơn vị: đơn vị số {unit_id} không thuộc kế hoạch này."
SIZE = "Số ủy viên {committee}: {message}."
SEATS_NEGATIVE = "Số đại biểu được phân bổ: không được là số âm (nhận được: {seats})."
PLANNED_AFTER_DEADLINE = (
    "Ngày dự kiến đại hội: {planned} là sau hạn {due} của kế hoạch cho “{kind}”."
)
PILOT_WITHOUT_DATE = "Đại hội điểm: cần ngày dự kiến đại hội."
PILOT_NOT_FIRST = (
    "Đại hội điểm: {planned} không trước các đại hội khác cùng loại "
    "(sớm nhất {earliest} của {other})."
)


class SeasonError(UnitsError):
    """A season or its plan was refused; ``errors`` lists every problem, by field."""


__all__ = ["FieldError", "SeasonError"]

# Steps sent up and answered
STEP_TWICE = (
    "{step}: đã gửi ngày {sent} và đang ở trạng thái “{status}”, không gửi lại được; "
    "chỉ gửi lại khi cấp trên trả lại."
)
RESULT_BEFORE_PLAN = "Hồ sơ kết quả đại hội: chỉ gửi sau khi đề án nhân sự được cấp trên duyệt."
SENT_IN_FUTURE = "Ngày gửi: không được sau ngày hôm nay ({today})."
HELD_REQUIRED = "Ngày đại hội: nhập ngày đại hội đã tổ chức."
HELD_IN_FUTURE = "Ngày đại hội: {held} là sau ngày hôm nay ({today})."
HELD_BEFORE_APPROVAL = "Ngày đại hội: {held} là trước ngày đề án nhân sự được duyệt ({approved})."
SIZE_REQUIRED = "Số ủy viên {committee}: nhập số ủy viên."
SIZE_OVER_APPROVED = (
    "Số ủy viên {committee}: {size} ủy viên là nhiều hơn {approved} ủy viên cấp trên đã duyệt."
)
DELEGATES_REQUIRED = "Số đại biểu chính thức đã bầu: nhập số đại biểu (0 nếu không bầu)."
DELEGATES = "Số đại biểu chính thức đã bầu: {message}."
NOT_WAITING = "{step}: đang ở trạng thái “{status}”, không còn chờ cấp trên trả lời."
REASON_REQUIRED = "Lý do trả lại: ghi rõ cần bổ sung, sửa gì."
ANSWER_BEFORE_SENT = "Ngày trả lời: {answered} là trước ngày gửi ({sent})."
ANSWER_IN_FUTURE = "Ngày trả lời: {answered} là sau ngày hôm nay ({today})."
# The committee and the decision in the unit's words (season.words: "BCH", "công nhận"; a chi
# bộ's "chi ủy", "chuẩn y").
RECOGNIZE_INCOMPLETE = (
    "Quyết định {recognize}: hồ sơ kết quả đại hội chưa được xác nhận đủ "
    "(trạng thái “{status}”); chỉ {recognize} khi hồ sơ đã đủ."
)
DECISION_NUMBER_REQUIRED = "Số quyết định: nhập số quyết định {recognize} (ví dụ {example})."
DECIDED_BEFORE_COMPLETE = "Ngày quyết định: {decided} là trước ngày nhận đủ hồ sơ ({complete})."
DECIDED_IN_FUTURE = "Ngày quyết định: {decided} là sau ngày hôm nay ({today})."

# A result file generated from the congress the unit ran in daihoi
CONGRESS_NOT_OF_UNIT = "Đại hội: đại hội số {congress_id} không phải của đơn vị này."
CONGRESS_NO_BCH = (
    "Đại hội: “{congress}” chưa có kết quả bầu {committee} trên daihoi; "
    "lập hồ sơ sau khi kiểm phiếu xong, hoặc nhập số liệu hồ sơ bằng tay."
)
CONGRESS_BCH_UNDECIDED = (
    "Đại hội: cuộc bầu “{title}” còn vòng bầu chưa kiểm phiếu xong hoặc đang chờ Đại hội "
    "quyết định (bầu tiếp, bằng phiếu); lập hồ sơ khi kết quả đã xong."
)
# The first meeting's messages name the committee in the unit's words (season.words'
# committee_short: "BCH", a chi bộ's "chi ủy").
MEETING_HELD_REQUIRED = "Ngày hội nghị {committee} lần thứ nhất: nhập ngày hội nghị."
MEETING_BEFORE_CONGRESS = (
    "Ngày hội nghị {committee} lần thứ nhất: {held} là trước ngày khai mạc đại hội ({congress})."
)
MEETING_IN_FUTURE = "Ngày hội nghị {committee} lần thứ nhất: {held} là sau ngày hôm nay ({today})."
MEETING_PRESENT_REQUIRED = "Số ủy viên {committee} có mặt: nhập số ủy viên có mặt tại hội nghị."
MEETING_PRESENT_OVER = (
    "Số ủy viên {committee} có mặt: {present} là nhiều hơn {size} ủy viên Đại hội đã bầu."
)
MEETING_NO_QUORUM = (
    "Số ủy viên {committee} có mặt: {present}/{size} là chưa đủ ít nhất 2/3 ủy viên để tiến "
    "hành hội nghị (rules.md §1.1, §2.8)."
)
MEETING_LINE = (
    "{label}, dòng {line}: “{text}” – ghi “Họ và tên: số phiếu”, ví dụ “Nguyễn Văn An: 5”."
)
MEETING_CHAIR_REQUIRED = "{chair}: ghi người hội nghị {committee} bầu làm {chair} và số phiếu."
MEETING_CHAIR_ONE = "{chair}: chỉ ghi một người (đã ghi {count})."
MEETING_NOT_IN_COMMITTEE = (
    "{label}: đồng chí {name} không có trong {count} ủy viên {committee} Đại hội đã bầu."
)
MEETING_NOT_IN_INSPECTION = (
    "Chủ nhiệm Ủy ban Kiểm tra: đồng chí {name} không có trong danh sách Ủy ban Kiểm tra."
)
MEETING_VOTES_OVER = (
    "{label}: đồng chí {name} có {votes} phiếu, nhiều hơn {present} ủy viên có mặt."
)
MEETING_NOT_ELECTED = (
    "{label}: đồng chí {name} có {votes}/{present} phiếu, không quá 1/2 số phiếu nên không "
    "trúng cử (rules.md §2.5)."
)
MEETING_TWICE = "{label}: đồng chí {name} được ghi hai lần."
DECISION_NEEDS_RECORD = (
    "Quyết định {recognize}: hồ sơ nhập bằng tay không có danh sách {committee}, Ủy ban Kiểm "
    "tra; chỉ lập quyết định từ hồ sơ lập từ đại hội trên daihoi."
)

# The upper congress built from below (rules.md §2.10)
UPPER_CONGRESS_REQUIRED = (
    "Đại hội cấp trên: chọn đại hội của {unit} nhận đại biểu từ các đại hội cấp dưới."
)
UPPER_CONGRESS_NOT_OF_UNIT = "Đại hội cấp trên: đại hội số {congress_id} không phải của {unit}."
UPPER_NOT_DELEGATE_FORM = (
    "Đại hội cấp trên: “{congress}” là đại hội toàn thể, không có đại biểu do cấp dưới bầu; "
    "chọn một đại hội đại biểu."
)
UPPER_OVER_ALLOCATION = (
    "{unit}: đã bầu {elected} đại biểu chính thức, nhiều hơn {seats} được phân bổ (rules.md "
    "§2.10). Chưa lập danh sách; đơn vị phải điều chỉnh kết quả hoặc cấp trên sửa phân bổ."
)
UPPER_LIST_REFUSED = "Chưa lập danh sách: {message}"
REPLACE_UNKNOWN_OFFICIAL = (
    "Đại biểu chính thức: {unit} không có đại biểu chính thức tên “{name}” trong kết quả đại hội."
)
REPLACE_TWICE = "Đại biểu chính thức: đồng chí {name} đã được thay bằng {alternate} ({decision})."
REPLACE_NO_ALTERNATE = (
    "Đại biểu dự khuyết: {unit} không còn đại biểu dự khuyết nào để thay đồng chí {name} "
    "(đã bầu {alternates} dự khuyết, đã thay {used})."
)
REPLACE_DECISION_REQUIRED = (
    "Quyết định: ghi số, ngày quyết định của cấp triệu tập cho dự khuyết thay (rules.md §2.10)."
)
REPLACE_DECIDED_IN_FUTURE = "Ngày quyết định: {decided} sau hôm nay ({today})."
REPLACE_NO_RESULTS = "Đại biểu chính thức: {unit} chưa có kết quả bầu đại biểu trên daihoi."

# A result file typed by hand, with its names (a unit that does not use daihoi)
TYPED_COMMITTEE_REQUIRED = "{committee}: ghi mỗi dòng một ủy viên {committee} đã trúng cử."
TYPED_TWICE = "{label}: đồng chí {name} được ghi hai lần."
TYPED_CHAIR_ONE = "{chair}: ghi đúng một người (đã ghi {count})."
TYPED_NOT_IN_COMMITTEE = (
    "{label}: đồng chí {name} không có trong danh sách {count} ủy viên {committee} đã ghi."
)
TYPED_NOT_IN_INSPECTION = (
    "Chủ nhiệm Ủy ban Kiểm tra: đồng chí {name} không có trong danh sách Ủy ban Kiểm tra đã ghi."
)
TYPED_INSPECTION_CHAIR_ONE = "Chủ nhiệm Ủy ban Kiểm tra: ghi nhiều nhất một người (đã ghi {count})."
TYPED_CHAIR_AND_VICE = "{vice}: đồng chí {name} đã được ghi là {chair}."
TYPED_NAME_TOO_LONG = "{label}, dòng {line}: tên dài quá 200 ký tự."
TYPED_COUNT_OVER = "{label}: {count} không hợp lệ, {committee} đã ghi có {size} ủy viên."
TYPED_YEAR = (
    "{label}, dòng {line}: năm sinh “{value}” không đúng (ghi bốn chữ số từ {low} đến {high}, "
    "ví dụ 1980)."
)
TYPED_PROFILE_TOO_LONG = "{label}, dòng {line}: chức vụ, đơn vị công tác dài quá 200 ký tự."

# The officer register kept by hand (season.register): a unit's committee in office before it used
# daihoi. The committee and its chair in the unit's words (season.words).
REGISTER_HAS_CURRENT = (
    "Sổ theo dõi cán bộ: {unit} đã có {committee} đương nhiệm ({source}); không ghi tay thêm. "
    "{committee} mới được ghi vào sổ khi cấp trên {recognize} kết quả đại hội."
)
REGISTER_FROM_STEP = "quyết định {recognize} số {number} ngày {day}"
REGISTER_BY_HAND = "ghi tay: {source}"
REGISTER_TERM_REQUIRED = "Nhiệm kỳ: nhập năm bắt đầu và năm kết thúc."
REGISTER_STARTED_REQUIRED = (
    "Ngày quyết định {recognize}: nhập ngày cấp trên {recognize} {committee} này."
)
REGISTER_STARTED_IN_FUTURE = "Ngày quyết định {recognize}: {day} là sau ngày hôm nay ({today})."
REGISTER_STARTED_OUTSIDE_TERM = (
    "Ngày quyết định {recognize}: {day} không thuộc nhiệm kỳ {start} - {end}."
)
REGISTER_ENDED_BEFORE_START = "Ngày kết thúc: {ended} là trước ngày quyết định ({started})."
REGISTER_ENDED_IN_FUTURE = "Ngày kết thúc: {ended} là sau ngày hôm nay ({today})."
REGISTER_SOURCE_REQUIRED = (
    "Số, nguồn quyết định: ghi số và ngày quyết định {recognize} {committee} "
    "(ví dụ “Quyết định số {example} ngày 02/10/2022”)."
)
REGISTER_SOURCE_TOO_LONG = "Số, nguồn quyết định: dài quá {limit} ký tự (đã ghi {length})."
REGISTER_CHAIR_REQUIRED = "{chair}: ghi họ và tên {chair} đương nhiệm."
REGISTER_SIZE_OVER = "{label}: {message}."
