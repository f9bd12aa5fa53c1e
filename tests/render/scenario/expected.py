"""Expected workbook values of the render scenario, computed by hand.

plan.yaml (12/KH-UBND, issued 05/01/2021, năm 2021) checked as of Monday 14/06/2021,
horizon 7 days, against status/register.yaml:

  task 1  "trước ngày 16/3/2021"            last on-time day 15/03/2021 (Mon)
          lead so-nganh (so-a, so-b) + h-c
  task 2  "hằng quý, chậm nhất ngày 18 tháng cuối quý", lead so-a, h-c
          Q1 18/03/2021 (Thu)   Q2 18/06/2021 (Fri)
          Q3 18/09/2021 is a Saturday -> 20/09/2021   Q4 18/12/2021 Saturday -> 20/12/2021
  task 3  "theo quy định"                    untracked, lead so-b
  task 4  "chậm nhất ngày 23/4/2021"         23/04/2021 (Fri), lead so-b, h-c

  so-a  1      received 10/03 (01/KH-SA)                      on time
        2 Q1   received 18/03 (11/BC-SA), again 25/03          on time, resubmitted 25/03/2021
        2 Q2   received 16/06, after the as-of date: ignored   due soon (18/06 - 14/06 = 4 <= 7)
        2 Q3, Q4                                               open
  so-b  1      received 20/03 (05/KH-SB)                      late, 20/03 - 15/03 = 5 days
        3                                                      untracked
        4      received 22/04 (07/BC-SB)                      on time
  h-c   1      nothing                                         overdue, 14/06 - 15/03 = 16+30+31+14 = 91 days
        2 Q1   exempt "Sáp nhập đơn vị hành chính"             exempt
        2 Q2   extended to 30/06 (99/VP-TH)                    open (16 days away)
        2 Q3, Q4                                               open
        4      received 28/04 (ref "=SUM(1)", kept as text)    late, 28/04 - 23/04 = 5 days

Rates (on time / (on time + late + overdue)): so-a 2/2 = 1.0, so-b 1/2 = 0.5,
h-c 0/2 = 0.0, all 3/6 = 0.5. Ranks 1, 2, 3.
"""
from datetime import datetime as D

AS_OF = D(2021, 6, 14)
AUTHOR = "UBND tỉnh Thử Nghiệm"
FOOTER_LEFT = "12/KH-UBND"

# Status fills (RGB with alpha) by state name.
FILL = {
    "on_time": "FFC6EFCE", "late": "FFFFC000", "overdue": "FFFFC7CE", "due_soon": "FFFFFF99",
    "open": "FFDDEBF7", "exempt": "FFD9D9D9", "untracked": "FFD9D9D9",
}
STATES = ["on_time", "late", "overdue", "due_soon", "open", "exempt", "untracked"]

LABELS = {
    "vi": {
        "on_time": "Đã hoàn thành đúng hạn", "late": "Đã hoàn thành quá hạn",
        "overdue": "Chưa hoàn thành, quá hạn", "due_soon": "Chưa hoàn thành, sắp đến hạn",
        "open": "Chưa hoàn thành, trong hạn", "exempt": "Được miễn",
        "untracked": "Không theo dõi hạn",
    },
    "en": {
        "on_time": "Completed on time", "late": "Completed late",
        "overdue": "Not completed, overdue", "due_soon": "Not completed, due soon",
        "open": "Not completed, not yet due", "exempt": "Exempt",
        "untracked": "No checkable deadline",
    },
}
WORDS = {
    "vi": {"on_time": "Đúng hạn", "late": "Nộp chậm", "overdue": "Quá hạn",
           "due_soon": "Sắp đến hạn", "open": "Trong hạn", "exempt": "Miễn",
           "untracked": "Không có hạn"},
    "en": {"on_time": "On time", "late": "Late", "overdue": "Overdue", "due_soon": "Due soon",
           "open": "Open", "exempt": "Exempt", "untracked": "Untracked"},
}
SHEETS = {
    "vi": ["Tổng hợp", "Ma trận", "Chi tiết", "Quá hạn", "Biểu đồ", "Thông tin"],
    "en": ["Summary", "Matrix", "Details", "Overdue", "Chart", "Information"],
}
AGENCY_SHEET = {"vi": "Nhiệm vụ", "en": "Obligations"}
PAGE = {"vi": "Trang &P/&N", "en": "Page &P of &N"}
TITLE = {"vi": "Tổng hợp tình hình thực hiện nhiệm vụ được giao",
         "en": "Summary of assigned tasks"}
PERIOD = {
    "vi": {"Q1": "Quý I/2021", "Q2": "Quý II/2021", "Q3": "Quý III/2021", "Q4": "Quý IV/2021"},
    "en": {"Q1": "2021 Q1", "Q2": "2021 Q2", "Q3": "2021 Q3", "Q4": "2021 Q4"},
}
DETAIL_HEADER = {
    "vi": ["STT", "Văn bản", "Nhiệm vụ", "Nội dung nhiệm vụ", "Cơ quan, đơn vị", "Kỳ báo cáo",
           "Thời hạn theo văn bản", "Hạn cuối", "Gia hạn đến", "Tình trạng", "Ngày nhận",
           "Số, ký hiệu", "Số ngày chậm, quá hạn", "Gửi lại", "Ghi chú"],
    "en": ["No.", "Plan", "Task", "Title", "Agency", "Period", "Deadline as written",
           "Last on-time day", "Extended to", "Status", "Received", "Reference",
           "Days late or overdue", "Resubmitted", "Note"],
}
SUMMARY_HEAD = {"vi": ["STT", "Mã", "Cơ quan, đơn vị", "Tổng số nhiệm vụ"],
                "en": ["No.", "ID", "Agency", "Total obligations"]}
SUMMARY_TAIL = {"vi": ["Tỷ lệ đúng hạn", "Xếp hạng"], "en": ["On-time rate", "Rank"]}
TOTAL = {"vi": "Tổng cộng", "en": "Total"}
EXEMPT = {"vi": "Miễn: ", "en": "Exempt: "}

# Tổng hợp, by rank: id, name, total, counts in STATES order, rate, rank.
SUMMARY = [
    ("so-a", "Sở Alpha", 5, [2, 0, 0, 1, 2, 0, 0], 1.0, 1),
    ("so-b", "Sở Beta & Gamma", 3, [1, 1, 0, 0, 0, 0, 1], 0.5, 2),
    ("h-c", "UBND huyện Cê", 6, [0, 1, 1, 0, 3, 1, 0], 0.0, 3),
]
TOTALS = (14, [3, 2, 1, 1, 5, 1, 1], 0.5)

T1, T2, T3, T4 = ("Xây dựng kế hoạch thực hiện", "Báo cáo tình hình thực hiện hằng quý",
                  "Phối hợp tuyên truyền", "Báo cáo sơ kết")
W1, W2, W3, W4 = ("trước ngày 16/3/2021", "hằng quý, chậm nhất ngày 18 tháng cuối quý",
                  "theo quy định", "chậm nhất ngày 23/4/2021")
SA, SB, HC = "Sở Alpha", "Sở Beta & Gamma", "UBND huyện Cê"

# Chi tiết in check order (agency id, task, period). Columns after STT and plan:
# task, title, agency, period key, as written, last on-time day, extended, state,
# received, reference, days, resubmitted, note (exempt reason as "exempt:<reason>").
DETAILS = [
    ("1", T1, HC, None, W1, D(2021, 3, 15), None, "overdue", None, None, 91, None, None),
    ("2", T2, HC, "Q1", W2, D(2021, 3, 18), None, "exempt", None, None, None, None,
     "exempt:Sáp nhập đơn vị hành chính"),
    ("2", T2, HC, "Q2", W2, D(2021, 6, 18), D(2021, 6, 30), "open", None, None, None, None, None),
    ("2", T2, HC, "Q3", W2, D(2021, 9, 20), None, "open", None, None, None, None, None),
    ("2", T2, HC, "Q4", W2, D(2021, 12, 20), None, "open", None, None, None, None, None),
    ("4", T4, HC, None, W4, D(2021, 4, 23), None, "late", D(2021, 4, 28), "=SUM(1)", 5, None, None),
    ("1", T1, SA, None, W1, D(2021, 3, 15), None, "on_time", D(2021, 3, 10), "01/KH-SA", None,
     None, None),
    ("2", T2, SA, "Q1", W2, D(2021, 3, 18), None, "on_time", D(2021, 3, 18), "11/BC-SA", None,
     "25/03/2021", None),
    ("2", T2, SA, "Q2", W2, D(2021, 6, 18), None, "due_soon", None, None, None, None, None),
    ("2", T2, SA, "Q3", W2, D(2021, 9, 20), None, "open", None, None, None, None, None),
    ("2", T2, SA, "Q4", W2, D(2021, 12, 20), None, "open", None, None, None, None, None),
    ("1", T1, SB, None, W1, D(2021, 3, 15), None, "late", D(2021, 3, 20), "05/KH-SB", 5, None,
     "Gửi qua bưu điện"),
    ("3", T3, SB, None, W3, None, None, "untracked", None, None, None, None, None),
    ("4", T4, SB, None, W4, D(2021, 4, 23), None, "on_time", D(2021, 4, 22), "07/BC-SB", None,
     None, None),
]
OVERDUE = [0]            # indices into DETAILS, most days first

# Ma trận: columns (task, period key) and, per agency in registry order, its words.
MATRIX_COLS = [("1", None), ("2", "Q1"), ("2", "Q2"), ("2", "Q3"), ("2", "Q4"), ("3", None),
               ("4", None)]
MATRIX = [
    ("Sở A", ["on_time", "on_time", "due_soon", "open", "open", None, None]),
    ("Sở Beta & Gamma", ["late", None, None, None, None, "untracked", "on_time"]),
    ("UBND huyện Cê", ["overdue", "exempt", "open", "open", "open", None, "late"]),
]
# Comments of two matrix cells (vi): (row of MATRIX, column of MATRIX_COLS) -> text.
MATRIX_COMMENTS = {
    (0, 1): "Thời hạn: hằng quý, chậm nhất ngày 18 tháng cuối quý\nHạn cuối: 18/03/2021\n"
            "Ngày nhận: 18/03/2021\nSố, ký hiệu: 11/BC-SA",
    (2, 0): "Thời hạn: trước ngày 16/3/2021\nHạn cuối: 15/03/2021\nQuá hạn 91 ngày",
    (2, 2): "Thời hạn: hằng quý, chậm nhất ngày 18 tháng cuối quý\nHạn cuối: 18/06/2021\n"
            "Gia hạn đến: 30/06/2021",
}

# Biểu đồ: agencies with a rate, best first: id, chart name (short name first), rate.
CHART = [("so-a", "Sở A", 1.0), ("so-b", "Sở Beta & Gamma", 0.5), ("h-c", "UBND huyện Cê", 0.0)]

# Thông tin (vi), label -> values in order.
INFO_VI = [
    ("Văn bản", "demo-2021"),
    ("Tên văn bản", "Kế hoạch thử nghiệm báo cáo năm 2021"),
    ("Số, ký hiệu", "12/KH-UBND"),
    ("Loại văn bản", "KH"),
    ("Cơ quan ban hành", "UBND tỉnh Thử Nghiệm"),
    ("Ngày ban hành", D(2021, 1, 5)),
    ("Thời gian thực hiện", "năm 2021"),
    ("Căn cứ", "Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ quy định chế độ báo"
               " cáo của cơ quan hành chính nhà nước"),
    ("Tệp kế hoạch", "tests/render/scenario/plan.yaml"),
    ("Tính đến ngày", D(2021, 6, 14)),
    ("Số ngày báo trước (sắp đến hạn)", 7),
    ("Tệp đầu vào", "tests/render/scenario/plan.yaml"),
    ("Tệp đầu vào", "tests/render/scenario/registries/demo.yaml"),
    ("Sổ theo dõi", "tests/render/scenario/status/register.yaml"),
]

# Agency workbooks: the file, and its obligations as indices into DETAILS, overdue first.
AGENCIES = {
    "so-a": ("so-a.xlsx", [6, 7, 8, 9, 10], 0),
    "so-b": ("so-b.xlsx", [11, 12, 13], 1),
    "h-c": ("h-c.xlsx", [0, 1, 2, 3, 4, 5], 2),
}
