package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config names an S3-compatible bucket.
type S3Config struct {
	// Endpoint is "https://host[:port]", "http://host:port" (plain HTTP,
	// for a store on the same private network) or "host[:port]" (HTTPS).
	Endpoint  string
	Bucket    string
	Region    string
	AccessKey string // empty: AWS_*/MINIO_* variables, then the instance's IAM role
	SecretKey string
}

// S3 stores objects in one bucket of an S3-compatible store. Objects are
// written without an ACL, so they are as private as the bucket (which must
// not allow anonymous reads).
type S3 struct {
	client *minio.Client
	bucket string
}

// opTimeout bounds one call to the store, so an unreachable store costs a
// request a few seconds, never a hang.
const opTimeout = 20 * time.Second

// NewS3 builds the client; it does not contact the store (see Check).
func NewS3(c S3Config) (*S3, error) {
	host, secure := c.Endpoint, true
	if strings.Contains(c.Endpoint, "://") {
		u, err := url.Parse(c.Endpoint)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("S3 endpoint must be host[:port] or an http(s) URL, got %q", c.Endpoint)
		}
		host, secure = u.Host, u.Scheme == "https"
	}
	if c.Bucket == "" {
		return nil, errors.New("S3 bucket is required")
	}
	creds := credentials.NewStaticV4(c.AccessKey, c.SecretKey, "")
	if c.AccessKey == "" {
		creds = credentials.NewChainCredentials([]credentials.Provider{
			&credentials.EnvAWS{}, &credentials.EnvMinio{}, &credentials.IAM{},
		})
	}
	cl, err := minio.New(host, &minio.Options{Creds: creds, Secure: secure, Region: c.Region, MaxRetries: 2})
	if err != nil {
		return nil, fmt.Errorf("S3 client: %w", err)
	}
	return &S3{client: cl, bucket: c.Bucket}, nil
}

// Put uploads data under key.
func (s *S3) Put(ctx context.Context, key string, data []byte, contentType string) error {
	if !ValidKey(key) {
		return errInvalidKey
	}
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	_, err := s.client.PutObject(ctx, s.bucket, key, bytes.NewReader(data), int64(len(data)),
		minio.PutObjectOptions{ContentType: contentType})
	return s.classify(err)
}

// Open starts downloading the object under key.
func (s *S3) Open(ctx context.Context, key string) (*Object, error) {
	if !ValidKey(key) {
		return nil, ErrNotFound
	}
	obj, err := s.client.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, s.classify(err)
	}
	st, err := obj.Stat()
	if err != nil {
		_ = obj.Close() // nothing was read
		return nil, s.classify(err)
	}
	return &Object{Body: obj, Size: st.Size}, nil
}

// Delete removes the object under key.
func (s *S3) Delete(ctx context.Context, key string) error {
	if !ValidKey(key) {
		return errInvalidKey
	}
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	return s.classify(s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{}))
}

// Check creates the bucket if it is missing (a new local stack); in
// production the bucket is made beforehand and only its existence checked.
func (s *S3) Check(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("S3 bucket %q: %w", s.bucket, s.classify(err))
	}
	if ok {
		return nil
	}
	if err := s.client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{}); err != nil {
		return fmt.Errorf("create S3 bucket %q: %w", s.bucket, s.classify(err))
	}
	return nil
}

// classify maps the store's answers onto ErrNotFound and ErrUnavailable;
// other errors (a denied request, a misconfiguration) pass through.
func (s *S3) classify(err error) error {
	if err == nil {
		return nil
	}
	r := minio.ToErrorResponse(err)
	switch {
	case r.Code == minio.NoSuchKey || r.StatusCode == http.StatusNotFound && r.Code != minio.NoSuchBucket:
		return ErrNotFound
	case r.StatusCode == 0 || r.StatusCode >= 500 || errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return err
}
