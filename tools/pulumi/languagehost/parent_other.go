//go:build !linux

package main

import "syscall"

// diesWithParent: only Linux has a parent-death signal; elsewhere the program stops when the host cancels it.
func diesWithParent() *syscall.SysProcAttr {
	return nil
}
