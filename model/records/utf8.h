#pragma once
// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF), used on
// every string the import child sends before it reaches SQLite or a widget.

#include <string_view>

namespace ts::model {

bool isValidUtf8(std::string_view s);

} // namespace ts::model
