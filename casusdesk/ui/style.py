"""Look of the application: readable on a projector, calm colours."""

STYLESHEET = """
QWidget { font-size: 11pt; }
QLabel#pageTitle { font-size: 18pt; font-weight: 600; }
QLabel#sectionTitle { font-size: 13pt; font-weight: 600; margin-top: 6px; }
QLabel#hint { color: #555; }
QLabel#errorLabel { color: #b00020; font-weight: 600; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {
    border: 2px solid #b00020; }
QListWidget#groupList { font-size: 12pt; }
QListWidget#groupList::item { padding: 6px; }
QTableView { gridline-color: #ccc; }
QHeaderView::section { font-weight: 600; padding: 4px; }
QPushButton { padding: 5px 12px; }
"""
