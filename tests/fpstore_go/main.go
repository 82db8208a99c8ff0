// Command fpstoreproof checks the fingerprint store's two-level item proofs with Go's reference
// implementation, golang.org/x/mod/sumdb/tlog (RFC 6962) and sumdb/note (signed checkpoints),
// independently of the Python code: the inner proof places the item's leaf in its shard's tree,
// whose root Go reads from the shard.manifest leaf itself; the outer one (c2sp.org/tlog-proof@v1)
// places that manifest leaf in the ledger under a signed checkpoint.
//
// One JSON request on stdin ({"vkey", "proofs": [item proof JSON, ...]}), one answer on stdout:
// per proof, whether the inner and the outer level verified (or the Go error). Build with
// GO111MODULE=off GOPATH=/usr/share/gocode (Debian: golang-go, golang-golang-x-mod-dev).
package main

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type itemProof struct {
	Leaf         string   `json:"leaf"`
	ShardIndex   int64    `json:"shard_index"`
	ShardSize    int64    `json:"shard_size"`
	ShardProof   []string `json:"shard_proof"`
	ManifestLeaf string   `json:"manifest_leaf"`
	TlogProof    string   `json:"tlog_proof"`
}

type request struct {
	Vkey   string      `json:"vkey"`
	Proofs []itemProof `json:"proofs"`
}

type outcome struct {
	Inner string `json:"inner"`
	Outer string `json:"outer"`
}

func errText(err error) string {
	if err != nil {
		return err.Error()
	}
	return "ok"
}

func hashes(list []string) (tlog.RecordProof, error) {
	out := make(tlog.RecordProof, 0, len(list))
	for _, s := range list {
		h, err := tlog.ParseHash(s)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

func inner(p itemProof) error {
	leaf, err := base64.StdEncoding.DecodeString(p.Leaf)
	if err != nil {
		return err
	}
	mleaf, err := base64.StdEncoding.DecodeString(p.ManifestLeaf)
	if err != nil {
		return err
	}
	var manifest struct {
		Type    string `json:"type"`
		Payload struct {
			Root  string `json:"root"`
			Count int64  `json:"count"`
		} `json:"payload"`
	}
	if err := json.Unmarshal(mleaf, &manifest); err != nil {
		return err
	}
	if manifest.Type != "shard.manifest" {
		return fmt.Errorf("the manifest leaf is a %q entry", manifest.Type)
	}
	if manifest.Payload.Count != p.ShardSize {
		return fmt.Errorf("shard size %d, manifest count %d", p.ShardSize, manifest.Payload.Count)
	}
	raw, err := hex.DecodeString(manifest.Payload.Root)
	if err != nil || len(raw) != tlog.HashSize {
		return errors.New("the manifest's root is not 32 bytes of hex")
	}
	var root tlog.Hash
	copy(root[:], raw)
	proof, err := hashes(p.ShardProof)
	if err != nil {
		return err
	}
	return tlog.CheckRecord(proof, p.ShardSize, root, p.ShardIndex, tlog.RecordHash(leaf))
}

func outer(p itemProof, verifiers note.Verifiers) error {
	mleaf, err := base64.StdEncoding.DecodeString(p.ManifestLeaf)
	if err != nil {
		return err
	}
	head, cp, found := strings.Cut(p.TlogProof, "\n\n")
	if !found {
		return errors.New("tlog-proof: no empty line before the checkpoint")
	}
	lines := strings.Split(head, "\n")
	if lines[0] != "c2sp.org/tlog-proof@v1" || len(lines) < 2 || !strings.HasPrefix(lines[1], "index ") {
		return errors.New("tlog-proof: bad header")
	}
	index, err := strconv.ParseInt(lines[1][len("index "):], 10, 64)
	if err != nil {
		return err
	}
	proof, err := hashes(lines[2:])
	if err != nil {
		return err
	}
	n, err := note.Open([]byte(cp), verifiers)
	if err != nil {
		return err
	}
	body := strings.SplitN(n.Text, "\n", 4)
	if len(body) < 4 {
		return errors.New("checkpoint body has fewer than three lines")
	}
	size, err := strconv.ParseInt(body[1], 10, 64)
	if err != nil {
		return err
	}
	root, err := tlog.ParseHash(body[2])
	if err != nil {
		return err
	}
	return tlog.CheckRecord(proof, size, root, index, tlog.RecordHash(mleaf))
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Fprintln(os.Stderr, "bad request:", err)
		os.Exit(2)
	}
	verifier, err := note.NewVerifier(req.Vkey)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad vkey:", err)
		os.Exit(2)
	}
	verifiers := note.VerifierList(verifier)
	out := make([]outcome, 0, len(req.Proofs))
	for _, p := range req.Proofs {
		out = append(out, outcome{errText(inner(p)), errText(outer(p, verifiers))})
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(2)
	}
}
