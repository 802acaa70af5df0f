"""Every message the import and export show, in Vietnamese, defined once.

Row messages leave out the column's name: the preview shows the row and the column beside them.
They speak of the trade union's members (đoàn viên); ``in_words_of`` puts them in the words of
the unit's organization (đảng viên in a Party cell, đoàn viên thanh niên in the Youth Union)
where a job's messages are stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from daihoi.units.words import MEMBER_WORDS_VI, TRADE_UNION, member_word_vi

if TYPE_CHECKING:
    from daihoi.units.models import Unit

_TRADE_UNION_WORD = MEMBER_WORDS_VI[TRADE_UNION]


def in_words_of(message: str, unit: Unit | None) -> str:
    """Return a message written of đoàn viên in the words of the unit's organization (once)."""
    word = member_word_vi(unit)
    if word == _TRADE_UNION_WORD:
        return message
    return message.replace(_TRADE_UNION_WORD, word)


# The upload and the file as a whole
FILE_REQUIRED = "Chọn tệp Excel (.xlsx, .xls) hoặc .ods để tải lên."
FILE_NAME_TOO_LONG = "Tên tệp dài quá 255 ký tự: hãy đặt tên ngắn hơn rồi tải lên lại."
# Formatting applied to thousands of empty rows or whole columns makes a short list weigh tens
# of MB: the advice says so before advising to split the list.
REMOVE_FORMATTING = (
    "Nếu danh sách không dài mà tệp vẫn lớn, thường là do định dạng (màu nền, viền, kiểu chữ) "
    "được áp cho rất nhiều dòng hoặc cột trống: hãy chọn các dòng trống dưới danh sách và các "
    "cột trống bên phải, bấm chuột phải → Xóa (Delete), lưu lại rồi tải lên. "
    "Nếu danh sách thật sự dài, hãy chia thành nhiều tệp nhỏ hơn rồi nhập lần lượt."
)
# When the first sheet is seen to end in thousands of formatted rows without a value
# (daihoi.imports.archive.list_end_before_formatting), the advice is that alone.
FORMATTED_EMPTY_ROWS = (
    "Danh sách chỉ tới dòng {last}; bên dưới là hàng nghìn dòng trống có định dạng (màu nền, "
    "viền, kiểu chữ), chính chúng làm tệp nặng. Hãy xóa các dòng trống đó: trong Excel, bấm vào "
    "số dòng {next} ở lề trái, nhấn Ctrl+Shift+↓ để chọn tới dòng cuối cùng, bấm chuột phải → "
    "Xóa (Delete); làm như vậy với các cột trống bên phải danh sách (Ctrl+Shift+→), lưu lại rồi "
    "tải lên. Không cần chia nhỏ danh sách."
)
FILE_TOO_LARGE_SIZE = "Tệp lớn hơn {limit}, quá giới hạn cho một lần nhập. "
FILE_TOO_LARGE = FILE_TOO_LARGE_SIZE + REMOVE_FORMATTING
FILE_TOO_LARGE_FORMATTED = FILE_TOO_LARGE_SIZE + FORMATTED_EMPTY_ROWS
FORM_TOO_LARGE = "Dữ liệu gửi lên quá lớn. Hãy chọn lại tệp và gửi lại."
FILE_EMPTY = "Tệp “{name}” rỗng (0 byte). Hãy chọn đúng tệp danh sách."
NOT_A_SPREADSHEET = (
    "Tệp “{name}” không phải bảng tính Excel. Hãy chọn tệp .xlsx, .xls hoặc .ods "
    "(trong Excel: Tệp → Lưu thành → Sổ làm việc Excel)."
)
FILE_UNREADABLE = (
    "Không đọc được tệp “{name}”: tệp bị hỏng hoặc không đúng định dạng bảng tính. "
    "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi tải lên lại."
)
FILE_LOCKED = (
    "Tệp “{name}” có đặt mật khẩu. Hãy bỏ mật khẩu (Excel: Tệp → Thông tin → "
    "Bảo vệ sổ làm việc) rồi tải lên lại."
)
ARCHIVE_TOO_MANY_PARTS = (
    "Tệp “{name}” chứa {count} phần bên trong, không giống một bảng tính. Hãy mở tệp bằng "
    "Excel, lưu lại dạng .xlsx rồi tải lên lại."
)
ARCHIVE_TOO_LARGE_SIZE = (
    "Tệp “{name}” khi giải nén ra khoảng {size} MB, quá giới hạn {limit} MB cho một lần nhập. "
)
ARCHIVE_TOO_LARGE = ARCHIVE_TOO_LARGE_SIZE + REMOVE_FORMATTING
ARCHIVE_TOO_LARGE_FORMATTED = ARCHIVE_TOO_LARGE_SIZE + FORMATTED_EMPTY_ROWS
ARCHIVE_RATIO = (
    "Tệp “{name}” có phần dữ liệu nén nhỏ đi {ratio} lần, điều không có ở một bảng tính bình "
    "thường (tệp có thể đã bị làm hỏng cố ý). Hãy mở tệp bằng Excel, xóa các dòng, cột trống "
    "thừa, lưu lại dạng .xlsx rồi tải lên lại."
)
TEXT_TOO_LONG = (
    "Tệp “{name}” có ô chứa văn bản dài hơn mức Excel cho phép (32.767 ký tự). Hãy xóa hoặc "
    "rút ngắn ô đó, lưu lại rồi tải lên lại."
)
SHEET_TOO_WIDE = (
    "Trang tính của tệp “{name}” có dữ liệu trải tới ô {cell} ({rows} dòng × {columns} cột), "
    "quá rộng so với một danh sách. Thường là do một ô ghi nhầm ở xa: trong Excel, nhấn "
    "Ctrl+End để tới ô đó, xóa các cột, dòng thừa, lưu lại rồi tải lên lại."
)
PARSE_MEMORY = (
    "Tệp “{name}” cần quá nhiều bộ nhớ để đọc (quá nhiều ô, hoặc ô quá dài so với một danh "
    "sách). Hãy xóa các dòng, cột và ô thừa, lưu lại dạng .xlsx rồi tải lên lại; nếu danh sách "
    "thật sự dài, hãy chia thành nhiều tệp."
)
# An old .xls (no zip to look into first) that its parser cannot read, or that asks it for too
# much memory: damaged, crafted, or with a cell far from the list. Saved as .xlsx it gets the
# checks (and the precise messages) of daihoi.imports.archive.
XLS_UNREADABLE = (
    "Không đọc được tệp “{name}” (Excel 97-2003, .xls): tệp bị hỏng. Hãy mở tệp bằng Excel, "
    "lưu lại dạng .xlsx (Tệp → Lưu thành → Sổ làm việc Excel) rồi tải lên tệp .xlsx đó."
)
XLS_MEMORY = (
    "Tệp “{name}” (Excel 97-2003, .xls) cần quá nhiều bộ nhớ để đọc: tệp bị hỏng, hoặc có ô "
    "ghi ở rất xa danh sách. Hãy mở tệp bằng Excel, nhấn Ctrl+End để tới ô cuối cùng, xóa các "
    "dòng, cột thừa, rồi lưu lại dạng .xlsx (Tệp → Lưu thành → Sổ làm việc Excel) và tải lên "
    "tệp .xlsx đó."
)
NO_SHEET = "Tệp “{name}” không có trang tính nào."
SHEET_EMPTY = (
    "Trang tính “{sheet}” không có dữ liệu. Hãy ghi danh sách đoàn viên dưới dòng tiêu đề, "
    "theo tệp mẫu."
)
NO_ROWS = "Trang tính “{sheet}” chỉ có dòng tiêu đề, chưa có đoàn viên nào."
MISSING_COLUMNS = (
    "Trang tính “{sheet}” thiếu cột bắt buộc: {columns}. Dòng tiêu đề (một trong {rows} dòng "
    "đầu) phải có các cột này; xem tệp mẫu."
)
DUPLICATE_COLUMN = "Cột “{column}” có hai lần (cột {first} và cột {second}). Hãy xóa một cột."
TOO_MANY_ROWS = (
    "Trang tính “{sheet}” có {rows} dòng, quá giới hạn {limit} dòng cho một lần nhập. "
    "Hãy chia thành nhiều tệp."
)
IGNORED_COLUMNS = "Các cột không dùng khi nhập (bỏ qua): {columns}."
LEGACY_FILE = (
    "Tệp có chữ gõ bằng bảng mã cũ {encoding} ở cột {columns}: đã chuyển sang Unicode, "
    "hãy xem lại các dòng có cảnh báo."
)

# One cell (the column is shown beside the message)
FORMULA = (
    "Ô chứa công thức: hãy thay công thức bằng giá trị (sao chép, rồi Dán đặc biệt → Giá trị)."
)
DATE_INVALID = "“{value}” không phải ngày. Ghi ngày/tháng/năm, ví dụ 23/12/1980."
DATE_IMPOSSIBLE = (
    "Ngày “{value}” không có thật: kiểm tra lại ngày và tháng (ghi ngày/tháng/năm, "
    "ví dụ 23/12/1980)."
)
DATE_YEAR_ONLY = "Chỉ có năm “{value}”: cần ghi đủ ngày/tháng/năm, ví dụ 23/12/{value}."
DATE_SHORT_YEAR = "Năm trong “{value}” phải đủ 4 chữ số, ví dụ 23/12/1980."
DATE_NUMBER = (
    "“{value}” là một con số, không phải ngày. Định dạng ô là Ngày (Date) "
    "hoặc ghi ngày/tháng/năm, ví dụ 23/12/1980."
)
GENDER_INVALID = "“{value}” không hợp lệ: ghi Nam hoặc Nữ."
PARTY_INVALID = (
    "“{value}” không hợp lệ: ghi Có (hoặc x) nếu là đảng viên; để trống hoặc ghi Không nếu "
    "không phải."
)
PARTY_FROM_DATE = "Có ngày vào Đảng nên được ghi nhận là đảng viên."
EDUCATION_INVALID = "“{value}” không có trong danh mục: ghi một trong các mức {choices}."
UNIT_UNKNOWN = (
    "Không có đơn vị mã “{code}” trong {unit} và các đơn vị trực thuộc. "
    "Xem mã các đơn vị ở trang “Đơn vị” của tệp mẫu."
)
TOO_LONG = "Dài quá {limit} ký tự (đang có {length})."
LEGACY_ROW = (
    "Chữ gõ bằng bảng mã {encoding} ở cột {columns} đã được chuyển sang Unicode "
    "(ví dụ “{before}” → “{after}”): hãy kiểm tra lại."
)
LEGACY_DOUBT = (
    "Cột “{column}”: “{text}” được giữ nguyên, nhưng cột này có chữ gõ bằng bảng mã {encoding}, "
    "và theo bảng mã đó thì đọc là “{reading}”. Nếu đúng là “{reading}”, hãy sửa lại trong tệp "
    "(gõ Unicode) rồi tải lên lại."
)
NUMBER_DUPLICATE_IN_FILE = "Số thẻ “{number}” trùng với dòng {row} của tệp."
PERSON_DUPLICATE_IN_FILE = (
    "Trùng họ tên và ngày sinh với dòng {row} của tệp (cùng đơn vị). Nếu là một người, hãy xóa "
    "một dòng; nếu là hai người khác nhau, hãy ghi số thẻ đoàn viên của mỗi người vào cả hai dòng."
)
PERSON_TWIN_IN_FILE = (
    "Trùng họ tên và ngày sinh với dòng {row} của tệp (cùng đơn vị), nhưng khác số thẻ "
    "(“{number}” và “{other}”): được nhập là hai người khác nhau. Hãy kiểm tra lại."
)
PERSON_IN_DATABASE = (
    "{unit} đã có đoàn viên {name} sinh ngày {date}. Nếu là một người, hãy xóa dòng này; nếu "
    "là hai người khác nhau, hãy ghi số thẻ đoàn viên của người này (khác số thẻ của người đã "
    "có, ghi cả cho người đã có nếu chưa có), hoặc thêm người này bằng nút “Thêm đoàn viên”."
)
PERSON_TWIN_IN_DATABASE = (
    "{unit} đã có đoàn viên {name} sinh ngày {date}, số thẻ “{other}”; dòng này có số thẻ "
    "“{number}”: được nhập là một người khác. Hãy kiểm tra lại."
)
TWINS_NOT_CONFIRMED = (
    "Có dòng trùng họ tên và ngày sinh với người khác (khác số thẻ): hãy xem các cảnh báo, rồi "
    "đánh dấu ô xác nhận đó là những người khác nhau trước khi nhập."
)

# The job
UNEXPECTED = (
    "Có lỗi không lường trước khi xử lý tệp; không có đoàn viên nào được ghi. "
    "Hãy thử lại; nếu vẫn lỗi, gửi tệp cho quản trị hệ thống."
)
INTERRUPTED = (
    "Việc xử lý bị gián đoạn (máy chủ khởi động lại?); không có đoàn viên nào được ghi. "
    "Hãy tải tệp lên lại."
)
NEVER_STARTED = (
    "Tệp chờ quá lâu mà chưa được xử lý (tiến trình chạy việc nền không chạy?); không có "
    "đoàn viên nào được ghi. Hãy báo quản trị hệ thống, rồi tải tệp lên lại."
)
PREVIEW_EXPIRED = (
    "Kết quả kiểm tra đã quá 1 ngày mà chưa nhập nên đã được xóa; không có đoàn viên nào được "
    "ghi. Hãy tải tệp lên lại."
)
NOT_READY = "Tệp chưa kiểm tra xong hoặc còn lỗi: chưa thể nhập."
ALREADY_STARTED = "Tệp này đã được nhập hoặc đang được nhập."
CHANGED_SINCE_PREVIEW = (
    "Dữ liệu đã thay đổi từ lúc kiểm tra (có người vừa thêm đoàn viên hoặc sửa đơn vị): "
    "{detail} Không có đoàn viên nào được ghi; hãy tải tệp lên lại để kiểm tra lại."
)
DONE = "Đã nhập {count} đoàn viên vào {unit}."
