"""Words the synthetic province is made of: Vietnamese names, place names and petition texts.

Family names carry rough weights (Nguyễn is about a third of the population); middle names
differ by sex. Nothing here names a real person.
"""

FAMILY_NAMES = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 3),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Cao", 1),
    ("Lương", 1),
    ("Trương", 1),
    ("Thái", 1),
    ("Chu", 1),
]
MALE_MIDDLE = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Đình", "Xuân", "Thanh", "Bá"]
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Kim", "Hồng", "Thanh", "Mai", "Phương"]
MALE_GIVEN = [
    "Anh", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Nam", "Quân", "Sơn", "Tuấn", "Long",
    "Khánh", "Thắng", "Tùng", "Hiếu", "Phong", "Trung", "Vinh", "Đạt", "Lâm", "Lực", "Thành",
]  # fmt: skip
FEMALE_GIVEN = [
    "Hoa", "Hương", "Lan", "Linh", "Mai", "Phương", "Thảo", "Trang", "Yến", "Hà", "Hạnh",
    "Nga", "Nhung", "Oanh", "Loan", "Huyền", "Giang", "Thủy", "Dung", "Liên", "Vân", "Hằng",
]  # fmt: skip

PLACE_FIRST = [
    "Hưng", "Nghĩa", "Thanh", "Diễn", "Quỳnh", "Yên", "Đô", "Nam", "Tân", "Phúc", "Thạch",
    "Kim", "Minh", "Hòa", "An", "Bình", "Đông", "Vĩnh", "Xuân", "Cẩm", "Đức", "Hồng", "Long",
    "Mỹ", "Phú", "Quang", "Sơn", "Thịnh", "Trung", "Tiến", "Vạn", "Lạc", "Hợp", "Châu",
    "Lộc", "Thuận", "Quế", "Liên", "Ngọc", "Hạnh",
]  # fmt: skip
PLACE_SECOND = [
    "Chính", "Lộc", "Thành", "Phong", "Hòa", "Lâm", "Sơn", "Mỹ", "Phú", "Thịnh", "Tiến",
    "Lợi", "Hưng", "Long", "Trường", "Thắng", "Xuân", "Đông", "Tân", "Bình", "An", "Khánh",
    "Hải", "Nguyên", "Hợp", "Điền", "Kỳ", "Vinh", "Yên", "Thủy", "Cường", "Quang", "Hiệp",
    "Đức", "Minh", "Phúc", "Châu", "Liên", "Hà", "Giang",
]  # fmt: skip
PROVINCE_NAMES = ["Nghệ Tĩnh", "Sông Lam", "Hồng Lĩnh", "Trường Sơn", "Bình Giang", "An Hòa"]
HAMLET_NAMES = ["Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Tiền", "Hậu", "Yên"]

OFFICE_TITLES = [
    "Phó Chủ tịch UBND xã",
    "Công chức Văn phòng - Thống kê",
    "Chủ tịch Ủy ban MTTQ Việt Nam xã",
    "Chủ tịch Hội Liên hiệp Phụ nữ xã",
    "Bí thư Đoàn Thanh niên xã",
    "Chủ tịch Hội Nông dân xã",
    "Chủ tịch Hội Cựu chiến binh xã",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Địa chính - Xây dựng",
    "Công chức Văn hóa - Xã hội",
    "Trưởng Công an xã",
]

# Petition contents by field code (citizens migration 0002): {place} is a hamlet.
PETITION_TEXTS = {
    "dat-dai": [
        "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất cho thửa đất của gia đình "
        "tại {place}, đã nộp hồ sơ từ năm trước nhưng chưa được giải quyết.",
        "Phản ánh hộ liền kề lấn chiếm ranh giới đất ở tại {place}, đề nghị xã đo đạc, "
        "xác định lại mốc giới.",
        "Khiếu nại việc xác định diện tích đất nông nghiệp bị thu hồi tại {place} không đúng "
        "thực tế sử dụng.",
    ],
    "boi-thuong": [
        "Khiếu nại mức bồi thường, hỗ trợ khi thu hồi đất làm đường giao thông qua {place}.",
        "Đề nghị hỗ trợ tái định cư cho hộ gia đình bị ảnh hưởng bởi dự án kênh mương tại {place}.",
    ],
    "chinh-sach-xa-hoi": [
        "Đề nghị xem xét đưa gia đình vào danh sách hộ cận nghèo năm nay tại {place}.",
        "Kiến nghị giải quyết chế độ trợ cấp cho người cao tuổi ở {place} còn chậm.",
        "Đề nghị xem xét chế độ chính sách cho thân nhân người có công tại {place}.",
    ],
    "moi-truong": [
        "Phản ánh cơ sở chăn nuôi gây ô nhiễm mùi và nước thải ra mương chung tại {place}.",
        "Kiến nghị thu gom rác thải sinh hoạt định kỳ tại {place}, rác tồn đọng nhiều ngày.",
        "Phản ánh xưởng mộc hoạt động gây tiếng ồn sau 22 giờ tại {place}.",
    ],
    "can-bo": [
        "Tố cáo cán bộ địa chính xã có hành vi gây khó khăn, nhũng nhiễu khi giải quyết hồ sơ "
        "của người dân {place}.",
        "Phản ánh thái độ thiếu tôn trọng nhân dân của công chức tiếp nhận hồ sơ một cửa.",
        "Tố cáo trưởng thôn {place} thu các khoản đóng góp không đúng quy định.",
    ],
    "khac": [
        "Kiến nghị sửa chữa tuyến đường liên thôn qua {place} bị xuống cấp, đi lại khó khăn.",
        "Đề nghị lắp đặt thêm đèn chiếu sáng công cộng tại {place}.",
        "Kiến nghị nạo vét kênh tiêu úng trước mùa mưa bão tại {place}.",
    ],
}
DENUNCIATION_SUMMARIES = [
    "Tố cáo hành vi nhũng nhiễu của công chức khi giải quyết thủ tục hành chính.",
    "Tố cáo việc thu các khoản đóng góp không đúng quy định.",
    "Tố cáo vi phạm trong quản lý đất công.",
]
ACTIVITY_TITLES = [
    ("propaganda", "Tuyên truyền về công tác dân vận chính quyền tại {place}"),
    ("legal", "Phổ biến Luật Thực hiện dân chủ ở cơ sở cho nhân dân {place}"),
    ("legal", "Tuyên truyền pháp luật về đất đai tại {place}"),
    ("training", "Tập huấn kỹ năng dân vận cho cán bộ thôn, xóm"),
    ("commemoration", "Kỷ niệm Ngày truyền thống công tác dân vận (15/10)"),
    ("study", "Quán triệt nghị quyết về công tác dân vận năm {year}"),
    ("other", "Ra quân vệ sinh môi trường tại {place}"),
]
