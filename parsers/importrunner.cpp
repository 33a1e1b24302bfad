#include "importrunner.h"

#include "ascend/ascenddbimporter.h"
#include "chrome/chromeimporter.h"
#include "common/inputsource.h"
#include "common/recordsink.h"
#include "snapshot/snapshotimporter.h"

#include <sys/stat.h>

#include <string>

namespace ts::parsers {

int importFrom(InputSource &source, RecordSink &sink, uint64_t inputSize)
{
    std::string error;
    int first = -1;
    if (!source.open(error) || !source.firstNonBlank(first, error)) {
        sink.put(rec::ErrorRec{source.rawBytesRead(), 0, 0, error});
        return kExitInputError;
    }
    // Detection by content. Later formats (CSV) add their signatures here.
    if (source.compression() == InputSource::Compression::None &&
        source.rawHead().substr(0, ForeignDb::kSqliteMagic.size()) == ForeignDb::kSqliteMagic) {
        // A foreign database, read in place through the descriptor (never by a path).
        DbBytes bytes;
        bytes.fd = source.fd();
        bytes.memory = source.wholeMemory();
        bytes.size = bytes.fd >= 0 ? inputSize : bytes.memory.size();
        struct stat st {};
        if (bytes.fd >= 0 && fstat(bytes.fd, &st) == 0 && S_ISREG(st.st_mode))
            bytes.size = uint64_t(st.st_size);
        AscendDbImporter importer(bytes, sink);
        return importer.run() ? kExitOk : kExitInputError;
    }
    if (first == 0x80) { // PROTO: a pickle; the importer checks it is a memory snapshot
        SnapshotImporter importer(source, sink, inputSize);
        return importer.run() ? kExitOk : kExitInputError;
    }
    if (first == '{' || first == '[') {
        ChromeImporter importer(source, sink, inputSize);
        return importer.run() ? kExitOk : kExitInputError;
    }
    sink.put(rec::ErrorRec{0, 0, 0,
                           first < 0
                               ? std::string("the file is empty")
                               : std::string("not a supported format: not a Chrome trace (JSON) "
                                             "file, and no other importer recognises it")});
    return kExitInputError;
}

int runImport(const RunOptions &options)
{
    InputSource source(options.inputFd);
    RecordSink sink(options.outputFd);
    const int code = importFrom(source, sink, options.inputSize);
    if (!sink.flush())
        return kExitOutputFailed;
    return code;
}

} // namespace ts::parsers
