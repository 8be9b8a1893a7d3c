/**
 * The custom resources {@code rustyray.io/v1alpha1}: RustyCluster, RustyActor and RustyJob with
 * their spec, status and nested types. Plain data classes, free of reconciler code; the annotations
 * here are what the generated CRD schema says.
 */
package io.rustyray.operator.crd;
