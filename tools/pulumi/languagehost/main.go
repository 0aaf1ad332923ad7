// pulumi-language-nodejs: a minimal Node.js language host for the pinned pulumi CLI (see scripts/ensure-pulumi.sh).
//
// Pulumi's own host (sdk/nodejs/cmd/pulumi-language-nodejs) is not served by the Go module proxy, so the CLI we
// build from pkg/v3 would have no way to run `runtime: nodejs` programs. This host speaks the same gRPC protocol
// (pulumirpc.LanguageRuntimeServer) and starts programs the same way: `node <@pulumi/pulumi/cmd/run> ...` resolved
// from the program directory, with the same flags and PULUMI_* environment variables. Deliberate differences:
//   - no monitor proxy and no `--sync` pipes: those only served synchronous invokes, which @pulumi/pulumi 3.259
//     no longer uses, so the program talks to the engine's monitor directly;
//   - only npm is supported; no debugger attach, no bun runtime, no code generation (those RPCs are unimplemented);
//     RunPlugin runs policy packs (and other Node plugins) as the real host does.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/shlex"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	// Module the program is started with; PULUMI_LANGUAGE_NODEJS_RUN_PATH overrides it, as with the real host.
	defaultRunPath = "@pulumi/pulumi/cmd/run"
	// cmd/run exits with this code after it has already shown the user an actionable message.
	exitAfterUserActionableMessage = 32
)

func main() {
	tracing := flag.String("tracing", "", "Emit tracing to a Zipkin-compatible tracing endpoint")
	runtime := flag.String("runtime", "nodejs", "Only `nodejs` is supported")
	showVersion := flag.Bool("version", false, "Print the plugin version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(hostVersion())
		return
	}
	if *runtime != "nodejs" {
		cmdutil.Exit(fmt.Errorf("unsupported runtime: %s (this host only runs nodejs)", *runtime))
	}

	// Stop serving (and stop running programs) on Ctrl-C or when the engine goes away, so that nothing is left
	// behind.
	host := newHost(*tracing)
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	stop := make(chan bool)
	var stopOnce sync.Once
	shutdown := func() { stopOnce.Do(func() { cancel(); host.cancel(); close(stop) }) }
	go func() { <-ctx.Done(); shutdown() }()

	// The engine's health check runs every few minutes; a killed engine (SIGKILL of the CLI, a cancelled CI job) must
	// not leave this host and its program running meanwhile: watch the parent and stop as soon as it is gone.
	go exitWithParent(os.Getppid(), shutdown)

	if engine := flag.Arg(0); engine != "" { // the engine passes its address as the only positional argument
		host.engineAddress = engine
		if err := rpcutil.Healthcheck(ctx, engine, 5*time.Minute, cancel); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start health check: %w", err))
		}
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host RPC server: %w", err))
	}
	// The engine reads the port from our first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}

// exitWithParent calls stop once the process that started this one is gone (the parent changes when it dies).
func exitWithParent(parent int, stop func()) {
	for range time.Tick(250 * time.Millisecond) {
		if os.Getppid() != parent {
			stop()
			return
		}
	}
}

// hostVersion is the CLI pin when built by scripts/ensure-pulumi.sh (-ldflags -X ...version.Version=...).
func hostVersion() string {
	if version.Version != "" {
		return version.Version
	}
	return "0.0.0-dev"
}

type nodeHost struct {
	// Unimplemented RPCs (code generation, packing, plugins) answer codes.Unimplemented, which the CLI tolerates.
	pulumirpc.UnimplementedLanguageRuntimeServer

	engineAddress string
	tracing       string
	cancelCtx     context.Context // done once the engine sends Cancel: running programs get SIGINT
	cancel        context.CancelFunc
}

func newHost(tracing string) *nodeHost {
	ctx, cancel := context.WithCancel(context.Background())
	return &nodeHost{tracing: tracing, cancelCtx: ctx, cancel: cancel}
}

// Handshake is only sent when the engine attaches to an already-running host (PULUMI_DEBUG_LANGUAGES).
func (h *nodeHost) Handshake(ctx context.Context,
	req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: hostVersion()}, nil
}

func (h *nodeHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancel()
	return &emptypb.Empty{}, nil
}

// nodeOptions are the `runtime.options` of Pulumi.yaml that change how a program is started.
type nodeOptions struct {
	typescript bool
	tsconfig   string
	nodeargs   []string
}

func parseOptions(info *pulumirpc.ProgramInfo) (nodeOptions, error) {
	opts := nodeOptions{typescript: true} // ts-node is on unless `typescript: false`
	raw := info.GetOptions().AsMap()
	if v, ok := raw["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return opts, errors.New("typescript option must be a boolean")
		}
		opts.typescript = b
	}
	if v, ok := raw["tsconfig"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("tsconfig option must be a string")
		}
		opts.tsconfig = s
	}
	if v, ok := raw["nodeargs"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("nodeargs option must be a string")
		}
		args, err := shlex.Split(s)
		if err != nil {
			return opts, err
		}
		opts.nodeargs = args
	}
	if v, ok := raw["packagemanager"]; ok && v != "npm" && v != "auto" {
		return opts, fmt.Errorf("packagemanager %v is not supported by this language host (only npm)", v)
	}
	return opts, nil
}

// resolveModule asks node where `mod` lives as seen from dir, i.e. the program's own node_modules wins.
func resolveModule(ctx context.Context, dir, mod string) (string, error) {
	script := fmt.Sprintf("try { console.log(require.resolve(%q)); } catch (e) { "+
		"console.error(e.code === 'MODULE_NOT_FOUND' ? "+
		"'It looks like the Pulumi SDK has not been installed. Have you run npm install in ' + process.cwd() + '?' "+
		": e.message); process.exit(1); }", mod)
	cmd := exec.CommandContext(ctx, "node", "-e", script)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Run starts the program and waits for it. Program failures are returned in RunResponse.Error (shown to the user
// as the update's error), never as an RPC error, which the CLI would report as a crash of the host.
func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	fail := func(err error) (*pulumirpc.RunResponse, error) {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return fail(fmt.Errorf("could not find node on the $PATH: %w", err))
	}
	opts, err := parseOptions(info)
	if err != nil {
		return fail(err)
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = defaultRunPath
	}
	if runPath, err = resolveModule(ctx, info.GetProgramDirectory(), runPath); err != nil {
		return fail(err)
	}

	cfg, err := configJSON(req.GetConfig())
	if err != nil {
		return fail(fmt.Errorf("failed to serialize configuration: %w", err))
	}
	secretKeys, err := json.Marshal(append([]string{}, req.GetConfigSecretKeys()...)) // `[]`, never `null`
	if err != nil {
		return fail(fmt.Errorf("failed to serialize configuration secret keys: %w", err))
	}
	env := append(os.Environ(), "PULUMI_CONFIG="+cfg, "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	args := append(append([]string{}, opts.nodeargs...), runPath)
	flagIf := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagIf("monitor", req.GetMonitorAddress())
	flagIf("engine", h.engineAddress)
	flagIf("organization", req.GetOrganization())
	flagIf("project", req.GetProject())
	flagIf("root-directory", info.GetRootDirectory())
	flagIf("stack", req.GetStack())
	flagIf("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flagIf("parallel", strconv.Itoa(int(req.GetParallel())))
	flagIf("tracing", h.tracing)
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(append(args, entry), req.GetArgs()...)

	// Stop the program (SIGINT first, so it can flush and unregister) when the engine cancels or hangs up.
	cmdCtx, cmdCancel := context.WithCancel(h.cancelCtx)
	defer cmdCancel()
	stopWatching := context.AfterFunc(ctx, cmdCancel)
	defer stopWatching()
	cmd := exec.CommandContext(cmdCtx, nodeBin, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	// If this host is killed outright, the program goes with it (Linux; see parent_linux.go).
	cmd.SysProcAttr = diesWithParent()
	cmd.Env = env
	// Wrapped so exec copies through a pipe: node may switch a shared stdout/stderr fd to non-blocking mode,
	// which would break the CLI's own writes to it.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}

	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		switch {
		case errors.As(err, &exitErr) && exitErr.ExitCode() == exitAfterUserActionableMessage:
			// The program already printed why it failed; Bail stops the CLI without adding its own message.
			return &pulumirpc.RunResponse{Bail: true}, nil
		case errors.As(err, &exitErr) && exitErr.ExitCode() > 0:
			return fail(fmt.Errorf("Program exited with non-zero exit code: %d", exitErr.ExitCode()))
		case errors.As(err, &exitErr):
			return fail(fmt.Errorf("Program exited unexpectedly: %w", exitErr))
		default:
			return fail(fmt.Errorf("Problem executing program (could not run language executor): %w", err))
		}
	}
	return &pulumirpc.RunResponse{}, nil
}

// configJSON uses the legacy `<namespace>:config:<name>` key form, as the real host does, because every
// @pulumi/pulumi version understands it.
func configJSON(cfg map[string]string) (string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	b, err := json.Marshal(out)
	return string(b), err
}

type packageJSON struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Pulumi          struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

func readPackageJSON(path string) (*packageJSON, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p packageJSON
	return &p, json.Unmarshal(b, &p)
}

// GetRequiredPackages reports provider plugins that installed npm packages declare (`"pulumi": {"resource": true}`),
// so the CLI can install them up front. Unlike the real host this only looks at the top level of node_modules
// (including @scopes), which is where npm puts a program's direct dependencies. The builtin dynamic provider
// (pulumi-nodejs) is not a package and needs nothing here.
func (h *nodeHost) GetRequiredPackages(ctx context.Context,
	req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	var pkgs []*pulumirpc.PackageDependency
	for _, p := range pluginPackages(req.GetInfo().GetProgramDirectory()) {
		pkgs = append(pkgs, &pulumirpc.PackageDependency{Name: p.Name, Kind: "resource", Version: p.Version, Server: p.Server})
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: pkgs}, nil
}

// GetRequiredPlugins is the pre-packages form of GetRequiredPackages, still used by some CLI code paths.
func (h *nodeHost) GetRequiredPlugins(ctx context.Context,
	req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	var plugins []*pulumirpc.PluginDependency
	for _, p := range pluginPackages(req.GetInfo().GetProgramDirectory()) {
		plugins = append(plugins, &pulumirpc.PluginDependency{Name: p.Name, Kind: "resource", Version: p.Version, Server: p.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

type pluginPackage struct{ Name, Version, Server string }

func pluginPackages(programDir string) []pluginPackage {
	var found []pluginPackage
	manifests, _ := filepath.Glob(filepath.Join(programDir, "node_modules", "*", "package.json"))
	scoped, _ := filepath.Glob(filepath.Join(programDir, "node_modules", "@*", "*", "package.json"))
	for _, path := range append(manifests, scoped...) {
		p, err := readPackageJSON(path)
		if err != nil || !p.Pulumi.Resource {
			continue
		}
		name, ver := p.Pulumi.Name, p.Pulumi.Version
		if name == "" {
			name = strings.TrimPrefix(p.Name, "@pulumi/") // same naming rule as the real host
		}
		if ver == "" {
			ver = p.Version
		}
		if ver != "" && !strings.HasPrefix(ver, "v") {
			ver = "v" + ver
		}
		found = append(found, pluginPackage{name, ver, p.Pulumi.Server})
	}
	return found
}

// InstallDependencies (`pulumi install`, `pulumi new`) runs `npm install` only when node_modules is missing:
// our projects manage their own dependencies and must not be re-resolved behind their back.
func (h *nodeHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := req.GetInfo().GetProgramDirectory()
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		return closer.Close()
	}
	if _, err := os.Stat(filepath.Join(dir, "package.json")); err != nil {
		return closer.Close()
	}
	fmt.Fprintf(stdout, "Installing dependencies with npm install...\n\n")
	cmd := exec.CommandContext(server.Context(), "npm", "install")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install failed: %w", err)
	}
	fmt.Fprintf(stdout, "Finished installing dependencies\n\n")
	return closer.Close()
}

// RuntimeOptionsPrompts offers nothing to choose: npm is the only package manager supported here.
func (h *nodeHost) RuntimeOptionsPrompts(context.Context,
	*pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *nodeHost) Template(context.Context, *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return &pulumirpc.TemplateResponse{}, nil
}

// About feeds `pulumi about`; version lookups are best effort, as they are only informational.
func (h *nodeHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	versionOf := func(bin string) string {
		out, err := exec.CommandContext(ctx, bin, "--version").Output()
		if err != nil {
			return ""
		}
		return strings.TrimSpace(string(out))
	}
	return &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Version:    versionOf(nodeBin),
		Metadata:   map[string]string{"packagemanager": "npm", "packagemanagerVersion": versionOf("npm")},
	}, nil
}

// GetProgramDependencies lists package.json dependencies at their installed versions (or their declared range
// when not installed); with TransitiveDependencies, everything npm recorded in node_modules/.package-lock.json.
func (h *nodeHost) GetProgramDependencies(ctx context.Context,
	req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	var deps []*pulumirpc.DependencyInfo
	if req.GetTransitiveDependencies() {
		var lock struct {
			Packages map[string]struct {
				Version string `json:"version"`
			} `json:"packages"`
		}
		if b, err := os.ReadFile(filepath.Join(dir, "node_modules", ".package-lock.json")); err == nil {
			if err := json.Unmarshal(b, &lock); err != nil {
				return nil, fmt.Errorf("reading node_modules/.package-lock.json: %w", err)
			}
			for path, p := range lock.Packages {
				name := path[strings.LastIndex(path, "node_modules/")+len("node_modules/"):]
				deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: p.Version})
			}
			return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
		}
	}
	pkg, err := readPackageJSON(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, fmt.Errorf("failed to get node dependencies: %w", err)
	}
	for _, group := range []map[string]string{pkg.Dependencies, pkg.DevDependencies} {
		for name, declared := range group {
			ver := declared
			if installed, err := readPackageJSON(filepath.Join(dir, "node_modules", name, "package.json")); err == nil {
				ver = installed.Version
			}
			deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: ver})
		}
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// RunPlugin runs a plugin written in Node.js; what matters here are policy packs (`pulumi preview --policy-pack DIR`),
// which the engine starts through the language host. As Pulumi's own host does: `@pulumi/pulumi/cmd/run-policy-pack`
// resolved from the pack's directory, the pack directory as the last argument and the working directory, and the
// stack's configuration (read through a policy proxy that answers the engine's first calls) in PULUMI_* variables.
func (h *nodeHost) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	info := req.GetInfo()
	opts, err := parseOptions(info)
	if err != nil {
		return err
	}
	analyzer := req.GetKind() == string(apitype.AnalyzerPlugin)
	runPath := "@pulumi/pulumi/cmd/run-plugin"
	if analyzer {
		runPath = "@pulumi/pulumi/cmd/run-policy-pack"
	}
	if runPath, err = resolveModule(ctx, info.GetProgramDirectory(), runPath); err != nil {
		return err
	}

	env := append([]string{}, req.GetEnv()...)
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	args := append(append([]string{}, opts.nodeargs...), runPath)
	// A policy pack takes its directory last; other plugins first.
	if analyzer {
		args = append(append(args, req.GetArgs()...), info.GetProgramDirectory())
	} else {
		args = append(append(args, info.GetProgramDirectory()), req.GetArgs()...)
	}

	var proxy *sdk.PolicyProxy
	if analyzer {
		if proxy, stdout, err = sdk.NewPolicyProxy(ctx, stdout); err != nil {
			return fmt.Errorf("could not start policy pack proxy: %w", err)
		}
		cfg, err := proxy.AwaitConfiguration(ctx)
		if err != nil {
			return fmt.Errorf("could not get stack configuration: %w", err)
		}
		if cfg != nil {
			add := func(k, v string) {
				if v != "" {
					env = append(env, k+"="+v)
				}
			}
			add("PULUMI_NODEJS_ORGANIZATION", cfg.Organization)
			add("PULUMI_NODEJS_PROJECT", cfg.Project)
			add("PULUMI_NODEJS_STACK", cfg.Stack)
			add("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(cfg.DryRun))
			if cfg.Config != nil {
				raw, err := json.Marshal(cfg.Config)
				if err != nil {
					return fmt.Errorf("could not marshal stack configuration: %w", err)
				}
				add("PULUMI_CONFIG", string(raw))
			}
		}
	}

	cmd := exec.CommandContext(ctx, nodeBin, args...)
	// Policy packs have always run in their own directory.
	if analyzer {
		cmd.Dir = info.GetProgramDirectory()
	} else {
		cmd.Dir = req.GetPwd()
	}
	cmd.SysProcAttr = diesWithParent()
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not run the plugin program: %w", err)
	}
	if proxy != nil {
		// The proxy hands the engine over to the pack once it listens, and keeps answering until it exits.
		if err := proxy.Attach(ctx, cmd); err != nil {
			return fmt.Errorf("could not attach policy pack proxy: %w", err)
		}
		return nil
	}
	if err := cmd.Wait(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("Program exited with non-zero exit code: %d", exitErr.ExitCode())
		}
		return err
	}
	return nil
}
