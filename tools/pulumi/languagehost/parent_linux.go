package main

import "syscall"

// diesWithParent makes the kernel kill a child when this host dies, however it dies.
func diesWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
