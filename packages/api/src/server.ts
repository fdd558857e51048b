// Placeholder until the API issue lands: the service entry point.
console.log('Infoview API: not yet implemented (see the API issue).');
