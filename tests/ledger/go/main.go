// Command ledgerinterop checks the ledger's checkpoints and proofs with Go's reference
// implementation, golang.org/x/mod/sumdb/note (signed notes) and golang.org/x/mod/sumdb/tlog
// (RFC 6962 inclusion and consistency proofs), so the Python code is judged by an independent one.
//
// It reads one JSON request on stdin and writes one JSON answer on stdout; every check reports
// ok or the Go error, and the test decides what was expected. It needs only the standard library
// and golang.org/x/mod (Debian: golang-go, golang-golang-x-mod-dev; build with GO111MODULE=off
// GOPATH=/usr/share/gocode).
package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type inclusion struct {
	Index    int64    `json:"index"`
	LeafHash string   `json:"leaf_hash"`
	Proof    []string `json:"proof"`
}

type consistency struct {
	OldSize int64    `json:"old_size"`
	OldRoot string   `json:"old_root"`
	Proof   []string `json:"proof"`
}

type tlogProof struct {
	Text     string `json:"text"`
	LeafHash string `json:"leaf_hash"`
}

type request struct {
	Vkey        string        `json:"vkey"`
	Checkpoint  string        `json:"checkpoint"`
	Inclusion   []inclusion   `json:"inclusion"`
	Consistency []consistency `json:"consistency"`
	TlogProofs  []tlogProof   `json:"tlog_proofs"`
	SignSkey    string        `json:"sign_skey"`
	SignText    string        `json:"sign_text"`
}

type result struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

type checkpointResult struct {
	result
	Origin string `json:"origin,omitempty"`
	Size   int64  `json:"size"`
	Root   string `json:"root,omitempty"`
}

type answer struct {
	Checkpoint  checkpointResult `json:"checkpoint"`
	Inclusion   []result         `json:"inclusion"`
	Consistency []result         `json:"consistency"`
	TlogProofs  []result         `json:"tlog_proofs"`
	Signed      string           `json:"signed,omitempty"`
}

func outcome(err error) result {
	if err != nil {
		return result{OK: false, Error: err.Error()}
	}
	return result{OK: true}
}

func hashes(list []string) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, 0, len(list))
	for _, s := range list {
		h, err := tlog.ParseHash(s)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

// openCheckpoint verifies the signed note and parses the C2SP checkpoint body
// (origin, decimal size, base64 root); tlog.ParseTree is not used because it insists on the
// go.sum origin line.
func openCheckpoint(msg string, verifiers note.Verifiers) (string, int64, tlog.Hash, error) {
	n, err := note.Open([]byte(msg), verifiers)
	if err != nil {
		return "", 0, tlog.Hash{}, err
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 {
		return "", 0, tlog.Hash{}, errors.New("checkpoint body has fewer than three lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || lines[1] != strconv.FormatInt(size, 10) {
		return "", 0, tlog.Hash{}, errors.New("malformed checkpoint size")
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		return "", 0, tlog.Hash{}, err
	}
	if n.Sigs[0].Name != lines[0] {
		return "", 0, tlog.Hash{}, fmt.Errorf("origin %q is not the signer %q", lines[0], n.Sigs[0].Name)
	}
	return lines[0], size, root, nil
}

// checkTlogProof follows c2sp.org/tlog-proof@v1, written here independently of the Python parser.
func checkTlogProof(text string, leaf string, verifiers note.Verifiers) error {
	leafHash, err := tlog.ParseHash(leaf)
	if err != nil {
		return err
	}
	head, cp, found := strings.Cut(text, "\n\n")
	if !found {
		return errors.New("tlog-proof: no empty line before the checkpoint")
	}
	lines := strings.Split(head, "\n")
	if lines[0] != "c2sp.org/tlog-proof@v1" {
		return errors.New("tlog-proof: bad first line")
	}
	lines = lines[1:]
	if len(lines) > 0 && strings.HasPrefix(lines[0], "extra ") {
		if _, err := base64.StdEncoding.DecodeString(lines[0][len("extra "):]); err != nil {
			return errors.New("tlog-proof: bad extra line")
		}
		lines = lines[1:]
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "index ") {
		return errors.New("tlog-proof: missing index line")
	}
	idxText := lines[0][len("index "):]
	index, err := strconv.ParseInt(idxText, 10, 64)
	if err != nil || index < 0 || idxText != strconv.FormatInt(index, 10) {
		return errors.New("tlog-proof: bad index")
	}
	proof, err := hashes(lines[1:])
	if err != nil {
		return err
	}
	_, size, root, err := openCheckpoint(cp, verifiers)
	if err != nil {
		return err
	}
	return tlog.CheckRecord(tlog.RecordProof(proof), size, root, index, leafHash)
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Fprintln(os.Stderr, "bad request:", err)
		os.Exit(2)
	}
	var ans answer
	if req.SignSkey != "" {
		signer, err := note.NewSigner(req.SignSkey)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad skey:", err)
			os.Exit(2)
		}
		signed, err := note.Sign(&note.Note{Text: req.SignText}, signer)
		if err != nil {
			fmt.Fprintln(os.Stderr, "sign:", err)
			os.Exit(2)
		}
		ans.Signed = string(signed)
	}
	verifier, err := note.NewVerifier(req.Vkey)
	if err != nil {
		ans.Checkpoint.result = outcome(err)
	} else {
		verifiers := note.VerifierList(verifier)
		origin, size, root, err := openCheckpoint(req.Checkpoint, verifiers)
		ans.Checkpoint = checkpointResult{outcome(err), origin, size, ""}
		if err == nil {
			ans.Checkpoint.Root = root.String()
		}
		for _, inc := range req.Inclusion {
			leaf, err1 := tlog.ParseHash(inc.LeafHash)
			proof, err2 := hashes(inc.Proof)
			switch {
			case err != nil:
				ans.Inclusion = append(ans.Inclusion, outcome(err))
			case err1 != nil:
				ans.Inclusion = append(ans.Inclusion, outcome(err1))
			case err2 != nil:
				ans.Inclusion = append(ans.Inclusion, outcome(err2))
			default:
				ans.Inclusion = append(ans.Inclusion, outcome(tlog.CheckRecord(tlog.RecordProof(proof), size, root, inc.Index, leaf)))
			}
		}
		for _, c := range req.Consistency {
			old, err1 := tlog.ParseHash(c.OldRoot)
			proof, err2 := hashes(c.Proof)
			switch {
			case err != nil:
				ans.Consistency = append(ans.Consistency, outcome(err))
			case err1 != nil:
				ans.Consistency = append(ans.Consistency, outcome(err1))
			case err2 != nil:
				ans.Consistency = append(ans.Consistency, outcome(err2))
			default:
				ans.Consistency = append(ans.Consistency, outcome(tlog.CheckTree(tlog.TreeProof(proof), size, root, c.OldSize, old)))
			}
		}
		for _, tp := range req.TlogProofs {
			ans.TlogProofs = append(ans.TlogProofs, outcome(checkTlogProof(tp.Text, tp.LeafHash, verifiers)))
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(ans); err != nil {
		os.Exit(2)
	}
}
