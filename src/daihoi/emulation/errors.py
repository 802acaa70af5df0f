"""Domain errors of emulation and every message users see (Vietnamese, defined once).

``EmulationError`` is a ``UnitsError``: forms show it with ``daihoi.units.forms.add_errors``, one
message per field, each starting with the field's label.
"""

from __future__ import annotations

from daihoi.units.errors import FieldError, UnitsError

# Campaigns
CAMPAIGN_TITLE_REQUIRED = "Tên phong trào: không được để trống."
CAMPAIGN_YEAR_RANGE = "Năm: phải từ 2000 đến 2100."
CAMPAIGN_DATES_ORDER = "Ngày kết thúc: không được trước ngày bắt đầu."
CAMPAIGN_YEARLY_TAKEN = (
    "Năm: {unit} đã phát động phong trào thi đua thường xuyên năm {year} (“{title}”)."
)
CAMPAIGN_KIND_UNKNOWN = "Loại phong trào: “{value}” không có trong danh mục."

# Registrations
REGISTRATION_NOBODY = "Đoàn viên: chọn ít nhất một người."
REGISTRATION_NO_TITLE = "Danh hiệu: chọn ít nhất một danh hiệu."
REGISTRATION_TITLE_FOR_INDIVIDUAL = "Danh hiệu: “{title}” không phải danh hiệu cá nhân."
REGISTRATION_TITLE_FOR_COLLECTIVE = "Danh hiệu: “{title}” không phải danh hiệu tập thể."
REGISTRATION_MEMBER_OUTSIDE = "Đoàn viên: {name} không thuộc {unit} hoặc các đơn vị trực thuộc."
REGISTRATION_MEMBER_NOT_ACTIVE = "Đoàn viên: {name} không còn sinh hoạt, không đăng ký được."
REGISTRATION_TWICE = "Danh hiệu: {name} đã đăng ký “{title}” trong phong trào này."
REGISTRATION_NOT_WAITING = "Đăng ký này đã được xử lý ({status}), không duyệt lại được."
RETURN_REASON_REQUIRED = "Lý do trả lại: ghi rõ lý do để đơn vị sửa và gửi lại."
REVIEW_NOT_ABOVE = "Chỉ công đoàn cấp trên của {unit} mới duyệt được đăng ký của đơn vị."
RESUBMIT_NOT_RETURNED = "Chỉ gửi lại được đăng ký đã bị trả lại."

# Evaluations
EVALUATION_MEMBER_OUTSIDE = "Đoàn viên: {name} không thuộc {unit} hoặc các đơn vị trực thuộc."
EVALUATION_FACT = "{label}: {message}"
EVALUATION_PROPOSED_COLLECTIVE = "Danh hiệu đề nghị: “{title}” là danh hiệu tập thể."
EVALUATION_CHOICE = "{label}: “{value}” không có trong danh mục."
EVALUATION_MEMBER_TWICE = (
    "Đoàn viên: {name} đã có ở dòng {first}; mỗi đoàn viên một dòng trong bảng bình xét."
)
EVALUATION_ROW = "Dòng {row}: {message}"
EVALUATION_OVERRIDE_REASON = (
    "Lý do: chương trình thấy chưa đủ điều kiện {titles}; muốn giữ đề nghị thì ghi rõ lý do."
)

# The council's secret ballot (rules.md §5.1, NĐ 98/2023 Điều 30 k7)
COUNCIL_NO_BALLOT = (
    "Danh hiệu: “{title}” không phải bỏ phiếu kín tại Hội đồng (chỉ Chiến sĩ thi đua các cấp)."
)
COUNCIL_MEMBERS_REQUIRED = "Tổng số thành viên Hội đồng: phải có ít nhất 1 thành viên."
COUNCIL_PRESENT_OVER = (
    "Số thành viên dự họp: {present} dự họp và {written} gửi ý kiến bằng văn bản là quá "
    "{members} thành viên của Hội đồng."
)
COUNCIL_NO_QUORUM = (
    "Số thành viên dự họp: {present}/{members} thành viên, chưa đủ {share} số thành viên Hội "
    "đồng nên Hội đồng không họp bỏ phiếu được."
)
COUNCIL_NOBODY = (
    "Danh hiệu: chưa có ai ở {unit} được đề nghị “{title}” trong bảng bình xét, không có tên "
    "nào để bỏ phiếu."
)
COUNCIL_TWICE = (
    "Danh hiệu: Hội đồng của {unit} đã có phiên bỏ phiếu “{title}” trong phong trào này."
)
COUNCIL_COUNTED = "Phiên bỏ phiếu này đã kiểm phiếu xong, không nhập hay sửa phiếu được nữa."
COUNCIL_TOO_MANY_BALLOTS = (
    "Phiếu: đã nhập đủ {most} phiếu (số thành viên dự họp và gửi ý kiến bằng văn bản), không "
    "có thêm phiếu nào."
)
COUNCIL_UNKNOWN_NUMBER = "Phiếu: chưa có phiếu số {number} để sửa."
COUNCIL_NO_PAPERS = "Chưa nhập phiếu nào: nhập từng phiếu rồi mới kiểm phiếu."
COUNCIL_LINE_TOO_LONG = "Phiếu: dòng nhập dài quá {most} ký tự."
COUNCIL_NOT_COUNTED = "Phiên bỏ phiếu chưa kiểm phiếu xong."

# Proposals upward and decisions
PROPOSAL_TWICE = "{unit} đã có tờ trình đề nghị khen thưởng trong phong trào này."
PROPOSAL_NO_UPPER = "{unit} không có công đoàn cấp trên trong hệ thống để gửi tờ trình."
PROPOSAL_NOT_EDITABLE = "Tờ trình đang ở trạng thái “{status}”, không sửa được."
PROPOSAL_EMPTY = (
    "Tờ trình chưa đề nghị ai: bình xét, cho Hội đồng bỏ phiếu hoặc thêm Giấy khen, Bằng khen "
    "trước khi gửi."
)
PROPOSAL_NOT_WAITING = "Tờ trình đang ở trạng thái “{status}”, cấp trên không xét được."
PROPOSAL_NOT_ABOVE = "Chỉ công đoàn cấp trên của {unit} mới xét, quyết định tờ trình của đơn vị."
AWARD_UNKNOWN = "Hình thức khen thưởng: “{value}” không có trong danh mục."
AWARD_NOBODY = "Cá nhân / tập thể: chọn một đoàn viên hoặc một tập thể."
AWARD_OUTSIDE = "Cá nhân / tập thể: {name} không thuộc {unit} hoặc các đơn vị trực thuộc."
AWARD_NOTE_REQUIRED = "Thành tích: ghi thành tích được khen (in trên Giấy khen, Bằng khen)."
AWARD_TWICE = "Hình thức khen thưởng: {who} đã được đề nghị “{title}” trong tờ trình này."
DECISION_NUMBER_REQUIRED = "Số quyết định: không được để trống."
DECISION_SIGNER_REQUIRED = "Người ký: không được để trống."
DECISION_SIGNER_TITLE_REQUIRED = "Chức vụ người ký: không được để trống."
DECISION_ALREADY_RECORDED = (
    "{who} đã có “{title}” năm {year} trong hồ sơ thành tích ({source}): không khen hai lần "
    "một danh hiệu, hình thức trong một năm."
)

# The yearly classification of a CĐCS (rules.md §6)
CLASSIFICATION_YEAR_RANGE = "Năm: phải từ 1975 đến 2100."
CLASSIFICATION_SCALE_UNKNOWN = "Thang điểm: “{value}” không có trong danh mục."
CLASSIFICATION_SCALE_FOR_YEAR = (
    "Thang điểm: năm {year} xếp loại theo {scale} (HD 1294/HD-TLĐ áp dụng từ ngày 01/01/2019, "
    "rules.md §6)."
)
CLASSIFICATION_POINTS_REQUIRED = "{label}: nhập số điểm."
CLASSIFICATION_POINTS_NOT_NUMBER = "{label}: “{value}” không phải số điểm (ví dụ 37,5)."
CLASSIFICATION_POINTS_RANGE = "{label}: phải từ 0 đến {maximum} điểm (nhận được: {value})."
CLASSIFICATION_CRITERIA_REQUIRED = (
    "Điểm từng tiêu chí: nhập điểm đạt / điểm tối đa của từng tiêu chí, cách nhau bởi dấu "
    "chấm phẩy (ví dụ: 18/20; 22/25; 20/25; 27/30)."
)
CLASSIFICATION_CRITERION_FORM = (
    "Điểm từng tiêu chí: tiêu chí {number} (“{text}”) phải viết điểm đạt / điểm tối đa, ví dụ "
    "18/20."
)
CLASSIFICATION_CRITERION_RANGE = (
    "Điểm từng tiêu chí: tiêu chí {number} phải từ 0 đến {maximum} điểm (nhận được: {value})."
)
CLASSIFICATION_CRITERIA_OVER = (
    "Điểm từng tiêu chí: điểm tối đa cộng lại là {total}, quá 100 điểm của thang điểm."
)
CLASSIFICATION_UNIT_OUTSIDE = "Công đoàn: {name} không thuộc {unit} hoặc các đơn vị trực thuộc."


class EmulationError(UnitsError):
    """Rules of the emulation cycle were broken; ``errors`` lists every problem, by field."""


__all__ = ["EmulationError", "FieldError"]
