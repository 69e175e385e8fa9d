// Package cluster is a Go client of the Windows Failover Cluster API through cgo, against
// include/clusapi.h. On Windows it would link clusapi.dll; on Linux it links the clusapi-sim
// simulator's libclusapi_sim.so, so the same code runs in CI against a simulated cluster:
//
//	cargo build --lib
//	CGO_LDFLAGS="-L$PWD/target/debug -Wl,-rpath,$PWD/target/debug" go test ./examples/go/...
//
// golang.org/x/sys/windows has no Linux build, so this package calls the C API directly.
// A failing call's Win32 code comes back as the second value of the cgo call: the simulator
// sets errno to the code it sets as the last error, and cgo reads errno right after the call,
// on the same OS thread (GetLastError would need runtime.LockOSThread to be read reliably).
package cluster

/*
#cgo CFLAGS: -I${SRCDIR}/../../include
#cgo LDFLAGS: -lclusapi_sim
#include "clusapi.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"syscall"
	"unicode/utf16"
	"unsafe"
)

// Win32Error is a Win32 error code, such as ERROR_GROUP_NOT_FOUND (5013).
type Win32Error uint32

func (e Win32Error) Error() string { return fmt.Sprintf("Win32 error %d", uint32(e)) }

// The codes this package tells apart.
const (
	ErrorMoreData      Win32Error = 234
	ErrorNoMoreItems   Win32Error = 259
	ErrorGroupNotFound Win32Error = 5013
)

// lastError turns cgo's errno value into the Win32 code the simulator set.
func lastError(err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) && errno != 0 {
		return Win32Error(errno)
	}
	return errors.New("the call failed without a last error")
}

// wide is s as a NUL-terminated UTF-16 string.
func wide(s string) []uint16 { return append(utf16.Encode([]rune(s)), 0) }

func ptr(u []uint16) *C.WCHAR { return (*C.WCHAR)(unsafe.Pointer(&u[0])) }

// Cluster is an open cluster handle.
type Cluster struct{ h C.HCLUSTER }

// Open opens the local cluster.
func Open() (*Cluster, error) {
	h, err := C.OpenCluster(nil)
	if h == nil {
		return nil, lastError(err)
	}
	return &Cluster{h}, nil
}

// Close closes the cluster handle (and, as ClusAPI does, every handle opened from it).
func (c *Cluster) Close() { C.CloseCluster(c.h) }

// GroupNames lists the cluster's groups, growing the name buffer on ERROR_MORE_DATA.
func (c *Cluster) GroupNames() ([]string, error) {
	e, err := C.ClusterOpenEnum(c.h, C.CLUSTER_ENUM_GROUP)
	if e == nil {
		return nil, lastError(err)
	}
	defer C.ClusterCloseEnum(e)
	var names []string
	buf := make([]uint16, 8)
	for i := C.DWORD(0); ; {
		var kind C.DWORD
		n := C.DWORD(len(buf))
		switch rc := Win32Error(C.ClusterEnum(e, i, &kind, ptr(buf), &n)); rc {
		case 0:
			names = append(names, string(utf16.Decode(buf[:n])))
			i++
		case ErrorMoreData:
			buf = make([]uint16, n+1)
		case ErrorNoMoreItems:
			return names, nil
		default:
			return nil, rc
		}
	}
}

// GroupState is the state of a group and the node that owns it.
func (c *Cluster) GroupState(name string) (state int, owner string, err error) {
	g, err := C.OpenClusterGroup(c.h, ptr(wide(name)))
	if g == nil {
		return 0, "", lastError(err)
	}
	defer C.CloseClusterGroup(g)
	buf := make([]uint16, 64)
	n := C.DWORD(len(buf))
	s, err := C.GetClusterGroupState(g, ptr(buf), &n)
	if s == C.ClusterGroupStateUnknown {
		return 0, "", lastError(err)
	}
	return int(s), string(utf16.Decode(buf[:n])), nil
}

// Online is the value of ClusterGroupOnline.
const Online = int(C.ClusterGroupOnline)
