//go:build tools

// Pins the Pulumi CLI that tests and the demo drive.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
