"""OpenAPI additions: the error shape, documented on every operation."""

ERROR_STATUSES = {
    "400": "Dữ liệu không hợp lệ (tham số, JSON, trường lạ).",
    "401": "Thiếu khoá API, khoá sai hoặc đã thu hồi.",
    "403": "Khoá chỉ đọc, hoặc người dùng không có quyền với đối tượng này.",
    "404": "Không có, hoặc thuộc đơn vị khác.",
    "405": "Phương thức không được hỗ trợ.",
    "406": "Chỉ trả về JSON.",
    "415": "Kiểu nội dung không được hỗ trợ.",
    "429": "Vượt giới hạn số yêu cầu của khoá; xem tiêu đề Retry-After.",
}

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string", "example": "not_found"},
                "message": {"type": "string", "example": "Không tìm thấy."},
                "details": {
                    "description": "Lỗi theo từng trường (400), số giây chờ (429), hoặc null."
                },
            },
        }
    },
}


def add_error_responses(result, generator, request, public):
    """Postprocessing hook: an ``Error`` component and the error statuses on every
    operation (schema-driven clients and schemathesis then know every answer)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for name, component in result["components"]["schemas"].items():
        if name.endswith("Request"):
            # Request serializers refuse unknown fields (api.serializers.StrictSerializer).
            component["additionalProperties"] = False
    result["components"]["schemas"]["PatchedTaskUpdateRequest"]["minProperties"] = 1
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            if "requestBody" in operation:
                operation["requestBody"]["required"] = True
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_STATUSES.items():
                if code in responses:
                    continue
                response = {
                    "description": description,
                    "content": {"application/json": {"schema": ref}},
                }
                if code == "429":
                    response["headers"] = {
                        "Retry-After": {"schema": {"type": "integer"}, "required": True}
                    }
                responses[code] = response
    return result
