"""Messages for the user."""


def test_operating_system_errors_read_in_dutch():
    import errno

    from casusdesk.domain.errors import os_reason

    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) == "bestaat niet"
    assert os_reason(OSError(errno.ENAMETOOLONG, "File name too long")) == "de naam is te lang"
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == \
        "Invalid cross-device link"  # unknown ones keep the system's words
