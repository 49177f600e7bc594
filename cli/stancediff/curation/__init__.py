"""Writing datasets: `init` starts a new one."""
