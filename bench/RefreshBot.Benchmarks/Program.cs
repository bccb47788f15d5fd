return 0; // placeholder: replaced by the benchmarks work item
