#include "importsession.h"

namespace ts::model {

bool ImportSession::feed(const char *data, size_t size)
{
    if (!m_violation.isEmpty())
        return false;
    m_splitter.append(data, size);
    rec::FrameSplitter::Frame frame;
    for (;;) {
        switch (m_splitter.next(frame)) {
        case rec::FrameSplitter::Status::NeedMore:
            return true;
        case rec::FrameSplitter::Status::BadMagic:
            m_violation = QStringLiteral("the output does not start with the record-stream magic");
            return false;
        case rec::FrameSplitter::Status::BadType:
            m_violation =
                QStringLiteral("record %1 has an unknown type").arg(m_validator.recordCount() + 1);
            return false;
        case rec::FrameSplitter::Status::TooLong:
            m_violation = QStringLiteral("record %1 is longer than %2 bytes")
                              .arg(m_validator.recordCount() + 1)
                              .arg(rec::kMaxPayload);
            return false;
        case rec::FrameSplitter::Status::Frame:
            break;
        }
        if (!m_validator.check(frame)) {
            m_violation = m_validator.error();
            return false;
        }
        if (frame.type == rec::RecordType::Progress) {
            rec::ProgressRec p;
            rec::decode(frame.payload, p);
            m_bytesDone.store(p.done, std::memory_order_relaxed);
        }
        if (!m_writer.apply(frame)) {
            m_writeFailed = true;
            m_violation = m_writer.lastError();
            return false;
        }
    }
}

bool ImportSession::writeTables(QString *error)
{
    if (m_splitter.buffered() != 0) {
        if (error)
            *error = QStringLiteral("the importer's output ended inside a record");
        m_writer.abort();
        return false;
    }
    return m_writer.writeTables(error);
}

bool ImportSession::finish(const CacheMeta &meta, QString *error)
{
    return writeTables(error) && m_writer.finish(meta, error);
}

} // namespace ts::model
