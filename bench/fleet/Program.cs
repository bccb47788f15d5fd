return 0; // placeholder: replaced by the fleet benchmark work item
