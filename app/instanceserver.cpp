#include "instanceserver.h"

#include "inputopener.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStringDecoder>
#include <QTimer>
#include <QWidget>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ts::app {

namespace {

constexpr QByteArrayView kMagic = "TSOPEN1 ";
constexpr int kMaxHeaderBytes = 32;
constexpr int kMaxPathBytes = 4096;
constexpr int kClientTimeoutMs = 5000;
constexpr const char *kAnswered = "tracescopeAnswered";

// A folder only the user can enter: made 0700 when missing, and refused when it is a link,
// not a folder, not the user's, or open to group or others.
bool ensurePrivateFolder(const QString &path, QString *error)
{
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST) {
        *error = QStringLiteral("cannot create %1: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    struct stat st = {};
    if (::lstat(native.constData(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        *error = QStringLiteral("%1 is not a folder (or is a symbolic link)").arg(path);
        return false;
    }
    if (st.st_uid != ::getuid()) {
        *error = QStringLiteral("%1 belongs to another user").arg(path);
        return false;
    }
    if ((st.st_mode & 077) != 0) {
        *error = QStringLiteral("%1 is open to other users (mode %2, needs 0700)")
                     .arg(path)
                     .arg(st.st_mode & 07777, 4, 8, QLatin1Char('0'));
        return false;
    }
    return true;
}

bool peerIsUser(QLocalSocket *socket, uid_t allowed)
{
#if defined(SO_PEERCRED)
    struct ucred cred = {};
    socklen_t length = sizeof cred;
    if (::getsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0)
        return false;
    return cred.uid == allowed;
#else
    uid_t uid = 0;
    gid_t gid = 0;
    if (::getpeereid(int(socket->socketDescriptor()), &uid, &gid) != 0)
        return false;
    return uid == allowed;
#endif
}

// The payload's paths that name existing local files or folders; the rest go to *refused.
QStringList acceptablePaths(const QByteArray &payload, QStringList *refused)
{
    QStringList accepted;
    const QList<QByteArray> parts = payload.split('\0');
    // Every path ends with a NUL, so the last part is empty; anything else is a malformed tail.
    if (!parts.last().isEmpty())
        refused->append(QStringLiteral("the message does not end with a NUL"));
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        const QByteArray &raw = parts[i];
        if (accepted.size() >= kMaxForwardedPaths) {
            refused->append(QStringLiteral("more than %1 paths").arg(kMaxForwardedPaths));
            break;
        }
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString path = utf8(raw);
        if (utf8.hasError() || raw.size() > kMaxPathBytes || !QDir::isAbsolutePath(path) ||
            !path.startsWith(QLatin1Char('/'))) {
            refused->append(QStringLiteral("not an absolute local path: %1").arg(path.left(200)));
            continue;
        }
        const QFileInfo info(path);
        if (!info.exists() || !(info.isFile() || info.isDir())) {
            refused->append(QStringLiteral("no such file or folder: %1").arg(path.left(200)));
            continue;
        }
        accepted << QDir::cleanPath(path);
    }
    return accepted;
}

} // namespace

QString instanceSocketPath(const QString &cacheDir, QString *error)
{
    QString folder;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QDir::isAbsolutePath(runtime)) {
        folder = runtime + QStringLiteral("/tracescope");
    } else {
        folder = QDir::tempPath() + QStringLiteral("/tracescope-%1").arg(::getuid());
    }
    if (!ensurePrivateFolder(folder, error))
        return {};
    const QByteArray key = QCryptographicHash::hash(QFile::encodeName(QDir::cleanPath(cacheDir)),
                                                    QCryptographicHash::Sha256)
                               .toHex()
                               .left(16);
    return folder + QStringLiteral("/instance-") + QString::fromLatin1(key);
}

InstanceServer::InstanceServer(QObject *parent)
    : QObject(parent), m_server(new QLocalServer(this)), m_allowedUid(::getuid())
{
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->setMaxPendingConnections(8);
    connect(m_server, &QLocalServer::newConnection, this, &InstanceServer::acceptPending);
}

InstanceServer::~InstanceServer() = default; // QLocalServer::close() removes the socket file

bool InstanceServer::listen(const QString &socketPath, QString *error)
{
    if (m_server->listen(socketPath))
        return true;
    if (m_server->serverError() == QAbstractSocket::AddressInUseError) {
        // A socket file is there; if nobody answers on it, it is left from a crash.
        QLocalSocket probe;
        probe.connectToServer(socketPath);
        if (probe.waitForConnected(1000)) {
            *error = QStringLiteral("another TraceScope already listens at %1").arg(socketPath);
            return false;
        }
        QLocalServer::removeServer(socketPath);
        if (m_server->listen(socketPath))
            return true;
    }
    *error = QStringLiteral("cannot listen at %1: %2").arg(socketPath, m_server->errorString());
    return false;
}

QString InstanceServer::socketPath() const
{
    return m_server->fullServerName();
}

void InstanceServer::acceptPending()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        if (!peerIsUser(socket, m_allowedUid)) {
            emit rejected(QStringLiteral("refused a connection from another user"));
            socket->abort();
            socket->deleteLater();
            continue;
        }
        // A peer that never finishes its message is dropped after kReadTimeoutMs.
        QTimer::singleShot(kReadTimeoutMs, socket, [this, socket]() {
            if (socket->property(kAnswered).toBool())
                return;
            emit rejected(QStringLiteral("dropped a connection that sent no complete message"));
            socket->abort();
        });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket]() { readFrom(socket); });
        if (socket->bytesAvailable() > 0)
            readFrom(socket);
    }
}

void InstanceServer::readFrom(QLocalSocket *socket)
{
    auto drop = [this, socket](const QString &why) {
        emit rejected(why);
        socket->disconnect(this);
        socket->abort();
    };
    // The header is read from what is buffered without consuming it, so a message split over
    // several reads is taken whole once it is all there.
    const QByteArray head = socket->peek(kMaxHeaderBytes);
    const qsizetype newline = head.indexOf('\n');
    if (newline < 0) {
        if (head.size() >= kMaxHeaderBytes || !kMagic.startsWith(head.left(kMagic.size())))
            drop(QStringLiteral("refused a message that is not a TraceScope open request"));
        return;
    }
    bool ok = false;
    const qint64 payloadBytes =
        head.startsWith(kMagic) ? head.mid(kMagic.size(), newline - kMagic.size()).toLongLong(&ok)
                                : -1;
    if (!ok || payloadBytes < 0 || payloadBytes > kMaxMessageBytes) {
        drop(QStringLiteral("refused a message that is not a TraceScope open request or is larger "
                            "than %1 bytes")
                 .arg(kMaxMessageBytes));
        return;
    }
    if (socket->bytesAvailable() < newline + 1 + payloadBytes)
        return; // wait for the rest
    if (socket->bytesAvailable() > newline + 1 + payloadBytes) {
        drop(QStringLiteral("refused a message with bytes past its declared length"));
        return;
    }
    socket->read(newline + 1);
    const QByteArray payload = socket->read(payloadBytes);
    QStringList refused;
    const QStringList paths = acceptablePaths(payload, &refused);
    for (const QString &why : refused)
        emit rejected(QStringLiteral("ignored a path from another TraceScope: %1").arg(why));
    socket->disconnect(this);
    socket->setProperty(kAnswered, true);
    socket->write("OK\n");
    socket->flush();
    socket->disconnectFromServer();
    emit pathsReceived(paths);
}

ForwardResult forwardToRunningInstance(const QString &socketPath, const QStringList &paths,
                                       QString *error)
{
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(kClientTimeoutMs)) {
        const auto e = socket.error();
        if (e == QLocalSocket::ServerNotFoundError || e == QLocalSocket::ConnectionRefusedError)
            return ForwardResult::NoInstance;
        *error = socket.errorString();
        return ForwardResult::Failed;
    }
    QByteArray payload;
    for (const QString &path : paths) {
        payload += QFile::encodeName(QFileInfo(path).absoluteFilePath());
        payload += '\0';
    }
    if (payload.size() > kMaxMessageBytes) {
        *error = QStringLiteral("too many paths to hand to the running TraceScope");
        return ForwardResult::Failed;
    }
    socket.write(kMagic.toByteArray() + QByteArray::number(payload.size()) + '\n' + payload);
    if (!socket.waitForBytesWritten(kClientTimeoutMs)) {
        *error = socket.errorString();
        return ForwardResult::Failed;
    }
    QByteArray answer;
    while (answer.size() < 3 && socket.waitForReadyRead(kClientTimeoutMs))
        answer += socket.readAll();
    if (!answer.startsWith("OK\n")) {
        *error = QStringLiteral("the running TraceScope did not take the paths");
        return ForwardResult::Failed;
    }
    return ForwardResult::Forwarded;
}

InstanceStart startInstance(const QString &cacheDir, const QStringList &paths)
{
    InstanceStart start;
    QString error;
    start.socketPath = instanceSocketPath(cacheDir, &error);
    if (start.socketPath.isEmpty()) {
        std::fprintf(stderr, "tracescope: not sharing this window with later starts: %s\n",
                     qPrintable(error));
        return start;
    }
    start.lock = std::make_unique<QLockFile>(start.socketPath + QStringLiteral(".lock"));
    start.lock->tryLock(kClientTimeoutMs); // without it, at worst two windows; never a hang
    switch (forwardToRunningInstance(start.socketPath, paths, &error)) {
    case ForwardResult::Forwarded:
        start.forwarded = true;
        break;
    case ForwardResult::Failed:
        std::fprintf(stderr, "tracescope: %s; opening a window of its own\n", qPrintable(error));
        start.socketPath.clear();
        break;
    case ForwardResult::NoInstance:
        break;
    }
    return start;
}

void serveOtherInstances(InstanceServer *server, InputOpener *opener, QWidget *window)
{
    QObject::connect(server, &InstanceServer::pathsReceived, window,
                     [opener, window](const QStringList &paths) {
                         opener->openAll(paths);
                         if (window->isMinimized())
                             window->showNormal();
                         window->raise();
                         window->activateWindow();
                     });
}

} // namespace ts::app
