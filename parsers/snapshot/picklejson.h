#pragma once
// Plain pickle data as compact JSON text, for small structured values that go into the cache
// as metadata (a snapshot's allocator_settings). dict keys become strings; bytes and ints beyond
// 64 bits become null, non-finite floats too. Recursion is bounded by the reader's depth limit.

#include "pickle/picklevalue.h"

#include <string>

namespace ts::parsers {

// False when the text would pass maxBytes (out then holds a cut, unusable text).
bool appendJson(const PickleValue &v, std::string &out, size_t maxBytes);

} // namespace ts::parsers
