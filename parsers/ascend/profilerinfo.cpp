#include "profilerinfo.h"

#include "records/ascendrecords.h"

#include <rapidjson/document.h>

#include <string>

namespace ts::parsers {

namespace {

bool parse(std::string_view text, rapidjson::Document &doc)
{
    // Iterative: a hostile file nests arrays as deep as its size allows, and the recursive parser
    // would spend the stack on them (the fuzz corpus's nested-100000.json overflowed it under ASan).
    doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
    return !doc.HasParseError() && doc.IsObject();
}

// rank_id as a number: an int, or a string of digits. -1 (not distributed) is allowed.
bool rankOf(const rapidjson::Value &v, int64_t &rank)
{
    if (v.IsInt64()) {
        rank = v.GetInt64();
        return rank >= -1 && rank < (int64_t(1) << 31);
    }
    if (!v.IsString() || v.GetStringLength() == 0 || v.GetStringLength() > 9)
        return false;
    rank = 0;
    const std::string_view s(v.GetString(), v.GetStringLength());
    if (s == "-1") {
        rank = -1;
        return true;
    }
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
        rank = rank * 10 + (c - '0');
    }
    return true;
}

void putText(RecordSink &sink, std::string_view key, const rapidjson::Value *v)
{
    std::string scratch; // the parser does not check UTF-8: the sink repairs it
    if (v && v->IsString())
        sink.put(rec::MetadataRec{
            sink.intern(key),
            sink.boundedText(std::string_view(v->GetString(), v->GetStringLength()), 4096, scratch)});
}

const rapidjson::Value *member(const rapidjson::Value &object, const char *name)
{
    if (!object.IsObject())
        return nullptr;
    const auto it = object.FindMember(name);
    return it == object.MemberEnd() ? nullptr : &it->value;
}

} // namespace

bool ProfilerInfoImporter::matches(std::string_view text)
{
    if (text.size() > kMaxBytes)
        return false;
    rapidjson::Document doc;
    return parse(text, doc) && doc.HasMember("rank_id") && !doc.HasMember("traceEvents");
}

bool ProfilerInfoImporter::run(std::string_view text, RecordSink &sink)
{
    rapidjson::Document doc;
    if (!parse(text, doc) || !doc.HasMember("rank_id")) {
        sink.put(rec::ErrorRec{0, 0, 0, "profiler_info: not a JSON object with a rank_id"});
        return false;
    }
    int64_t rank = -1;
    if (!rankOf(doc["rank_id"], rank)) {
        sink.put(rec::ErrorRec{0, 0, 0,
                               "profiler_info: rank_id is neither a whole number nor a string "
                               "of digits"});
        return false;
    }
    if (rank >= 0)
        sink.put(rec::MetadataRec{sink.intern(rec::kMetaRankId), std::to_string(rank)});
    else
        sink.put(rec::WarningRec{0, "profiler_info: rank_id is -1 (a run that was not "
                                    "distributed): the rank has no number"});
    putText(sink, "ascend.cann_version", member(doc, "cann_version"));
    putText(sink, "ascend.torch_npu_version", member(doc, "torch_npu_version"));
    const rapidjson::Value *config = member(doc, "config");
    const rapidjson::Value *experimental =
        config ? member(*config, "experimental_config") : nullptr;
    putText(sink, "ascend.profiler_level",
            experimental ? member(*experimental, "_profiler_level") : nullptr);
    sink.put(rec::ResultRec{sink.intern("ascend-profiler-info"), 1});
    return true;
}

} // namespace ts::parsers
