module spark-tenancy.dev/e2e/podcheck

go 1.26.0
