;; bintrees.scm -- binary trees, a collector stress test: a long-lived
;; tree of depth 16 stays live while many short-lived trees of depths 4
;; to 16 are built and walked.  Out: the total of the node counts.
(import (scheme base) (harness))

(define (make-tree depth)
  (if (= depth 0)
      (cons '() '())
      (cons (make-tree (- depth 1)) (make-tree (- depth 1)))))

(define (check tree)
  (if (null? (car tree)) 1 (+ 1 (check (car tree)) (check (cdr tree)))))

(define (run max-depth)
  (let ((long-lived (make-tree max-depth)))
    (let loop ((depth 4) (total 0))
      (if (> depth max-depth)
          (+ total (check long-lived))
          (let ((iterations (expt 2 (+ (- max-depth depth) 4))))
            (loop (+ depth 2)
                  (do ((i 0 (+ i 1)) (t total (+ t (check (make-tree depth)))))
                      ((= i iterations) t))))))))

(run-benchmark "bintrees" 3 (lambda () (run (hide 16))) 14723759)
