// Command witnesscheck verifies a cosigned checkpoint with Go: the log's signature through
// golang.org/x/mod/sumdb/note, and each witness's c2sp.org/tlog-cosignature cosignature/v1 through
// a note.Verifier written here from the spec with crypto/ed25519 (x/mod has no cosignature
// verifier): key ID = SHA-256(name || 0x0A || 0x04 || public key)[:4], signature = 8-byte
// big-endian timestamp || Ed25519 over "cosignature/v1\ntime <t>\n" || checkpoint body.
//
// It reads one JSON request on stdin ({"vkey", "witnesses": [vkey...], "checkpoint"}) and writes
// {"ok", "error", "log_verified", "witnesses_verified": [{"name", "timestamp"}], "unverified": n}.
// Standard library and golang.org/x/mod only (GO111MODULE=off GOPATH=/usr/share/gocode).
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

type cosigV1 struct {
	name string
	hash uint32
	key  ed25519.PublicKey
}

func (v *cosigV1) Name() string    { return v.name }
func (v *cosigV1) KeyHash() uint32 { return v.hash }

func (v *cosigV1) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	ts := binary.BigEndian.Uint64(sig[:8])
	if ts == 0 || ts >= 1<<63 {
		return false
	}
	signed := append([]byte("cosignature/v1\ntime "+strconv.FormatUint(ts, 10)+"\n"), msg...)
	return ed25519.Verify(v.key, signed, sig[8:])
}

func newCosigV1(vkey string) (*cosigV1, error) {
	name, rest, ok := strings.Cut(vkey, "+")
	if !ok {
		return nil, errors.New("malformed witness vkey")
	}
	hexID, b64, ok := strings.Cut(rest, "+")
	if !ok || len(hexID) != 8 {
		return nil, errors.New("malformed witness vkey")
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) != 1+ed25519.PublicKeySize || raw[0] != 0x04 {
		return nil, errors.New("not a cosignature/v1 (type 0x04) Ed25519 key")
	}
	h := sha256.New()
	h.Write([]byte(name + "\n"))
	h.Write(raw)
	sum := h.Sum(nil)
	id, _ := hex.DecodeString(hexID)
	if !bytes.Equal(id, sum[:4]) {
		return nil, fmt.Errorf("key ID %s does not match the name and key (want %x)", hexID, sum[:4])
	}
	return &cosigV1{name: name, hash: binary.BigEndian.Uint32(sum[:4]), key: ed25519.PublicKey(raw[1:])}, nil
}

type request struct {
	Vkey       string   `json:"vkey"`
	Witnesses  []string `json:"witnesses"`
	Checkpoint string   `json:"checkpoint"`
}

type witnessSig struct {
	Name      string `json:"name"`
	Timestamp uint64 `json:"timestamp"`
}

type answer struct {
	OK          bool         `json:"ok"`
	Error       string       `json:"error,omitempty"`
	LogVerified bool         `json:"log_verified"`
	Witnesses   []witnessSig `json:"witnesses_verified"`
	Unverified  int          `json:"unverified"`
}

func check(req request) (answer, error) {
	var a answer
	logV, err := note.NewVerifier(req.Vkey)
	if err != nil {
		return a, err
	}
	verifiers := []note.Verifier{logV}
	for _, w := range req.Witnesses {
		v, err := newCosigV1(w)
		if err != nil {
			return a, err
		}
		verifiers = append(verifiers, v)
	}
	n, err := note.Open([]byte(req.Checkpoint), note.VerifierList(verifiers...))
	if err != nil {
		return a, err
	}
	for _, s := range n.Sigs {
		if s.Name == logV.Name() && s.Hash == logV.KeyHash() {
			a.LogVerified = true
			continue
		}
		raw, _ := base64.StdEncoding.DecodeString(s.Base64)
		a.Witnesses = append(a.Witnesses, witnessSig{Name: s.Name, Timestamp: binary.BigEndian.Uint64(raw[4:12])})
	}
	a.Unverified = len(n.UnverifiedSigs)
	a.OK = true
	return a, nil
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	a, err := check(req)
	if err != nil {
		a = answer{OK: false, Error: err.Error()}
	}
	json.NewEncoder(os.Stdout).Encode(a)
}
