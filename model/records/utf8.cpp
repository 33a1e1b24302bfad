#include "utf8.h"

#include <QByteArrayView>

namespace ts::model {

// Qt's validator (Qt 6.3+): strict in the same way as the import child's repair
// (parsers/common/utf8.h), and measured faster than our own loop, ICU's and libunistring's on
// the strings traces hold (figures there; tests/bench/utf8_bench.cpp).
bool isValidUtf8(std::string_view s)
{
    return QByteArrayView(s.data(), qsizetype(s.size())).isValidUtf8();
}

} // namespace ts::model
