#pragma once
// Help ▸ Keyboard Shortcuts: one table, fed from shortcuttable.h so the dialog and the docs agree.

#include <QDialog>

namespace ts::app {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *parent = nullptr);
};

} // namespace ts::app
