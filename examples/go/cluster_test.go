package cluster

import (
	"errors"
	"testing"
)

func TestGroupsStateAndAnUnknownName(t *testing.T) {
	c, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	names, err := c.GroupNames()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range names {
		found = found || n == "Cluster Group"
	}
	if !found {
		t.Fatalf("no Cluster Group in %q", names)
	}

	state, owner, err := c.GroupState("Cluster Group")
	if err != nil || state != Online || owner == "" {
		t.Fatalf("Cluster Group: state %d, owner %q, err %v", state, owner, err)
	}

	_, _, err = c.GroupState("No Such Group")
	var code Win32Error
	if !errors.As(err, &code) || code != ErrorGroupNotFound {
		t.Fatalf("an unknown group gave %v, want ERROR_GROUP_NOT_FOUND (5013)", err)
	}
}
