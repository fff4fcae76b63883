// podcheck runs inside a pod of the node stage and proves the pod network for real: it resolves a
// Service name through the cluster DNS (CoreDNS, from the kubelet-written /etc/resolv.conf), then
// calls the API server through that name and the Service IP it resolved to, verifying its TLS
// certificate with the pod's own CA bundle and authenticating with the pod's own ServiceAccount
// token (a SelfSubjectReview answers who the API server thinks it is). Exits 1 on any failure, with
// the step that failed on stderr. Standard library only: a static binary in a one-layer image.
package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

const serviceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount"

func main() {
	if len(os.Args) != 2 {
		fail("usage: podcheck SERVICE_FQDN (e.g. kubernetes.default.svc.cluster.local)")
	}
	name := os.Args[1]
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	addresses, err := net.DefaultResolver.LookupHost(ctx, name)
	if err != nil {
		fail("resolve %s: %v", name, err)
	}
	fmt.Printf("podcheck: %s resolves to %v\n", name, addresses)

	caBundle, err := os.ReadFile(serviceAccountDir + "/ca.crt")
	if err != nil {
		fail("read the ServiceAccount CA: %v", err)
	}
	token, err := os.ReadFile(serviceAccountDir + "/token")
	if err != nil {
		fail("read the ServiceAccount token: %v", err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(caBundle) {
		fail("no certificate in %s/ca.crt", serviceAccountDir)
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: roots, ServerName: name},
		// Dial the address DNS gave, so the request goes to the Service IP and kube-proxy's rules.
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, net.JoinHostPort(addresses[0], "443"))
		},
	}}
	body := []byte(`{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}`)
	request, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://"+name+"/apis/authentication.k8s.io/v1/selfsubjectreviews", bytes.NewReader(body))
	if err != nil {
		fail("request: %v", err)
	}
	request.Header.Set("Content-Type", "application/json")
	request.Header.Set("Authorization", "Bearer "+string(bytes.TrimSpace(token)))
	response, err := client.Do(request)
	if err != nil {
		fail("call the API server at %s (%s:443): %v", name, addresses[0], err)
	}
	defer response.Body.Close()
	answer, _ := io.ReadAll(response.Body)
	if response.StatusCode != http.StatusCreated && response.StatusCode != http.StatusOK {
		fail("SelfSubjectReview: HTTP %d: %s", response.StatusCode, answer)
	}
	var review struct {
		Status struct {
			UserInfo struct {
				Username string `json:"username"`
			} `json:"userInfo"`
		} `json:"status"`
	}
	if err := json.Unmarshal(answer, &review); err != nil {
		fail("SelfSubjectReview answer: %v: %s", err, answer)
	}
	fmt.Printf("podcheck: the API server at %s:443 authenticated this pod as %s\n", addresses[0], review.Status.UserInfo.Username)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "podcheck: "+format+"\n", args...)
	os.Exit(1)
}
