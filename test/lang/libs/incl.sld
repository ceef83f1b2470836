(define-library (libs incl)
  (import (scheme base))
  (include-library-declarations "included-decls.scm")
  (include "included-body.scm"))
