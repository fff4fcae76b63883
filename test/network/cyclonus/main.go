// Evaluates NetworkPolicies with Cyclonus's matcher (github.com/mattfenwick/cyclonus/pkg/matcher,
// the engine policy-assistant grew from): stdin is {"policies": [...], "traffic": [...]}, stdout one
// "true"/"false" line per traffic entry. No evaluation logic of our own.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	networkingv1 "k8s.io/api/networking/v1"
	v1 "k8s.io/api/core/v1"
)

type peer struct {
	Namespace       string            `json:"namespace"`
	NamespaceLabels map[string]string `json:"namespaceLabels"`
	PodLabels       map[string]string `json:"podLabels"`
	IP              string            `json:"ip"`
}

type traffic struct {
	From     peer   `json:"from"`
	To       peer   `json:"to"`
	Port     int    `json:"port"`
	Protocol string `json:"protocol"`
}

type input struct {
	Policies []*networkingv1.NetworkPolicy `json:"policies"`
	Traffic  []traffic                     `json:"traffic"`
}

func toPeer(p peer) *matcher.TrafficPeer {
	if p.Namespace == "" {
		return &matcher.TrafficPeer{IP: p.IP}
	}
	return &matcher.TrafficPeer{IP: p.IP, Internal: &matcher.InternalPeer{Namespace: p.Namespace, NamespaceLabels: p.NamespaceLabels, PodLabels: p.PodLabels}}
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	policy := matcher.BuildNetworkPolicies(true, in.Policies)
	for _, t := range in.Traffic {
		result := policy.IsTrafficAllowed(&matcher.Traffic{
			Source: toPeer(t.From), Destination: toPeer(t.To), ResolvedPort: t.Port, Protocol: v1.Protocol(t.Protocol),
		})
		fmt.Println(result.IsAllowed())
	}
}
