"""The errors that end a run with exit status 2 and one line on stderr.

They live apart from the modules that raise them so that the command line can
catch them without importing those modules (a run of `--version` or of one
report imports only what it uses)."""
from __future__ import annotations


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the problem."""


class PackError(Exception):
    """A rule pack that cannot be used: ``path:line: problem``."""

    def __init__(self, path: str, line: int, problem: str):
        super().__init__(f"{path}:{line}: {problem}")
        self.path, self.line, self.problem = path, line, problem


def os_error_text(error: OSError) -> str:
    """An operating-system error as a Chinese phrase (the system's own words otherwise)."""
    import errno

    phrases = {errno.ENOENT: "文件或目录不存在", errno.EACCES: "没有权限", errno.EPERM: "没有权限",
               errno.EISDIR: "这是一个目录", errno.ENOTDIR: "路径中有一部分不是目录", errno.ENOSPC: "磁盘空间不足",
               errno.EROFS: "文件系统只读", errno.EEXIST: "文件已存在", errno.ENAMETOOLONG: "文件名过长",
               errno.ELOOP: "符号链接循环", errno.EIO: "读写错误", errno.EMFILE: "打开的文件过多"}
    return phrases.get(error.errno or 0, error.strerror or str(error))
